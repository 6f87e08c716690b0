package dev.ordersprofiles.handlers.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON on the functions' call path with jackson-core's streaming API only: envelopes, bodies and log lines are
 * read into and written from plain Java values (Map, List, String, Number, Boolean, null) and {@link Writable}s.
 * Jackson databind (an ObjectMapper and its bean (de)serializers) cost about half of a function's cold start
 * (docs/performance.md), so nothing a function runs touches it.
 */
public final class PlainJson {
    /**
     * For request bodies (what a client sends): strict about duplicate keys; decimals written as plain text, never in
     * scientific notation.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /**
     * For the events the platform sends and the answers it reads (proxy envelopes, step payloads): the same, without
     * the duplicate-key check. AWS writes those, a client's body inside one is still read with {@link #FACTORY}, and
     * the check (a set of the names seen, per object) was a measurable part of reading a ~2 KB envelope.
     */
    public static final JsonFactory EVENTS = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private PlainJson() {
    }

    /** A value that writes itself as one JSON value (response bodies). */
    @FunctionalInterface
    public interface Writable {
        void writeJson(JsonGenerator out) throws IOException;
    }

    /**
     * Reads the value the parser stands on (after {@code nextToken()}): objects as insertion-ordered maps, arrays as
     * lists, whole numbers as Integer/Long/BigInteger, other numbers as Double (as a lenient event reader would).
     */
    public static Object read(JsonParser in) throws IOException {
        JsonToken token = in.currentToken();
        if (token == null) {
            return null;
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    in.nextToken();
                    map.put(name, read(in));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(in));
                }
                return list;
            }
            case VALUE_STRING:
                return in.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return in.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    /** Writes plain values, {@link Writable}s, and anything else as its {@code toString()}. */
    public static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Writable writable) {
            writable.writeJson(out);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof Number number) {
            out.writeNumber(number.toString());
        } else {
            out.writeString(value.toString());
        }
    }

    /** {@link #write} into a string. */
    public static String toJson(Object value) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
