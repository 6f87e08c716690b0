package dev.ordersprofiles.adapters.aws.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text as plain Java values for tests to look into: objects become {@code Map<String, Object>} (in document
 * order), arrays {@code List<Object>}, numbers {@link BigDecimal}, and strings, booleans and null themselves.
 *
 * <p>Built on jackson-core's streaming parser rather than jackson-databind because databind is on no classpath of
 * this module (not even the test one), and the test-jar, which the local stack's tests use, should not need it.
 * A parser of its own (not {@code client.Wire}) keeps the tests from trusting the code under test to read JSON.
 */
public final class JsonTree {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonTree() {
    }

    /** @throws UncheckedIOException when {@code json} is not one well-formed JSON value */
    public static Object parse(byte[] json) {
        try (JsonParser in = JSON.createParser(json)) {
            if (in.nextToken() == null) {
                throw new IOException("no JSON value");
            }
            Object value = read(in);
            if (in.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    /** {@link #parse} for a document that must be a JSON object. */
    public static Map<String, Object> object(byte[] json) {
        return asObject(parse(json));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asArray(Object value) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("not a JSON array: " + value);
        }
        return (List<Object>) value;
    }

    private static Object read(JsonParser in) throws IOException {
        JsonToken token = in.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    in.nextToken();
                    if (object.put(name, read(in)) != null) {
                        throw new IOException("duplicate field " + name);
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(in));
                }
                return array;
            }
            case VALUE_STRING -> {
                return in.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return in.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }
}
