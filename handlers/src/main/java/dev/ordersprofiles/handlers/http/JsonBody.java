package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reading of one JSON request body with the streaming parser: exactly one JSON object, no duplicate keys,
 * no trailing data, no unknown fields, and no coercion (a string is never a number, a decimal never a whole
 * number, a number never a string). The first value of a wrong type, or else the first unknown field, becomes a
 * {@link RequestRejected} naming the field by its path ({@code items[0].qty}), as the strictly configured Jackson
 * ObjectMapper this replaces answered (JsonBodyTest compares the two). Each request record reads itself with a
 * {@link Shape}.
 */
final class JsonBody {
    static final String NOT_JSON =
            "The body is not valid JSON (syntax error, duplicate key, number out of range or trailing data).";
    static final String NOT_AN_OBJECT = "The body must be a single JSON object of the documented shape.";

    private final JsonParser in;
    private String firstUnknown;

    /** Reads one JSON object; the parser stands on its START_OBJECT and the shape reads through its END_OBJECT. */
    @FunctionalInterface
    interface Shape<T> {
        T read(JsonBody body, String path) throws IOException;
    }

    private JsonBody(JsonParser in) {
        this.in = in;
    }

    static <T> T read(byte[] bytes, Shape<T> shape) {
        try (JsonParser in = PlainJson.FACTORY.createParser(bytes)) {
            JsonToken first = in.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                throw RequestRejected.badRequest("The body must be a JSON object.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw RequestRejected.badRequest(NOT_AN_OBJECT);
            }
            JsonBody body = new JsonBody(in);
            T value = shape.read(body, "");
            if (in.nextToken() != null) {
                throw RequestRejected.badRequest(NOT_AN_OBJECT);
            }
            if (body.firstUnknown != null) {
                throw RequestRejected.invalidFields(List.of(new FieldError(body.firstUnknown, "is not a known field")));
            }
            return value;
        } catch (JacksonException e) {
            throw RequestRejected.badRequest(NOT_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves to the next field's value: true with {@link #name()} set, false at the end of the object. */
    boolean nextField() throws IOException {
        if (in.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        in.nextToken();
        return true;
    }

    String name() throws IOException {
        return in.currentName();
    }

    /**
     * The field at {@code path} is not part of the contract: its value is skipped and the body rejected at the end,
     * unless a value of the wrong type comes first.
     */
    void unknown(String path) throws IOException {
        if (firstUnknown == null) {
            firstUnknown = path;
        }
        in.skipChildren();
    }

    /** A JSON string or null. */
    String string(String path) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType(path);
        }
        return in.getText();
    }

    /** A JSON number (whole or decimal) or null, exactly as written. */
    BigDecimal decimal(String path) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(path);
        }
        BigDecimal value;
        try {
            value = in.getDecimalValue();
        } catch (NumberFormatException | ArithmeticException | JacksonException e) {
            // An exponent beyond an int's range (1E+2147483648, 1e-2147483648) has no BigDecimal.
            throw RequestRejected.invalidFields(List.of(new FieldError(path, "is not a number in range")));
        }
        // A scale this far from any amount's would make later arithmetic (setScale, compareTo) slow or overflow.
        if (value.scale() > MAX_SCALE || value.scale() < -MAX_SCALE) {
            throw RequestRejected.invalidFields(List.of(new FieldError(path, "is not a number in range")));
        }
        return value;
    }

    private static final int MAX_SCALE = 1000;

    /** A whole JSON number in the range of an int, or null; out of range is invalid JSON for us, as for Jackson. */
    Integer integer(String path) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(path);
        }
        return in.getIntValue();
    }

    /** A JSON array of objects read by {@code element} (null elements stay null), or null. */
    <T> List<T> objects(String path, Shape<T> element) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw wrongType(path);
        }
        List<T> list = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            String at = path + "[" + list.size() + "]";
            if (in.currentToken() == JsonToken.VALUE_NULL) {
                list.add(null);
            } else if (in.currentToken() == JsonToken.START_OBJECT) {
                list.add(element.read(this, at + "."));
            } else {
                throw wrongType(at);
            }
        }
        return list;
    }

    private static RequestRejected wrongType(String path) {
        return RequestRejected.invalidFields(List.of(new FieldError(path, "has the wrong type")));
    }
}
