package dev.ordersprofiles.handlers.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ordersprofiles.handlers.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming body reader ({@link JsonBody}) replaced a strictly configured Jackson ObjectMapper (kept in the tests
 * as {@link Json#MAPPER}). For a corpus of valid and invalid bodies of both request types, both must come to the
 * same result: the same record, or a 400 with the same detail and the same field errors.
 */
class JsonBodyTest {

    static Stream<String> upsertBodies() {
        return Stream.of(
                "{\"name\":\"Ada\"}", "{\"name\":null}", "{}", "{\"name\":\"\"}", "{\"name\":\" Ada \"}",
                "{\"name\":5}", "{\"name\":true}", "{\"name\":1.5}", "{\"name\":{}}", "{\"name\":[]}",
                "{\"name\":[\"a\"]}", "{\"nickname\":\"x\"}", "{\"name\":\"a\",\"extra\":1}",
                "{\"extra\":1,\"name\":5}", "{\"name\":5,\"extra\":1}", "{\"name\":\"a\",\"name\":\"b\"}",
                "{\"name\":\"a\"} x", "{\"name\":\"a\"}{}", "[]", "[{\"name\":\"a\"}]", "\"Ada\"", "42", "true",
                "null", "{", "{\"name\":}", "{name:\"a\"}", "{'name':'a'}", "{\"name\":\"a\",}", "  ",
                "{\"name\":\"\\u00e9\\ud83d\\ude00\"}", "{\"name\":\"a\\nb\"}", "{\"NAME\":\"a\"}");
    }

    static Stream<String> placeOrderBodies() {
        return Stream.of(
                "{\"amount\":12.50,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}",
                "{\"amount\":12,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}",
                "{\"amount\":1e2,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}",
                "{\"amount\":\"12.50\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}",
                "{\"amount\":true,\"items\":[]}", "{\"amount\":null,\"items\":null}", "{}",
                "{\"amount\":[],\"items\":[]}", "{\"amount\":{},\"items\":[]}",
                "{\"amount\":12.5,\"items\":{}}", "{\"amount\":12.5,\"items\":\"A-1\"}",
                "{\"amount\":12.5,\"items\":[null]}", "{\"amount\":12.5,\"items\":[\"A-1\"]}",
                "{\"amount\":12.5,\"items\":[1]}", "{\"amount\":12.5,\"items\":[[]]}",
                "{\"amount\":12.5,\"items\":[{}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":2.0}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":2.5}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":\"2\"}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":true}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":null}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":7,\"qty\":1}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":1,\"note\":\"x\"}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":1},{\"sku\":\"B\",\"qty\":1,\"x\":1}]}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":1}],\"currency\":\"EUR\"}",
                "{\"currency\":\"EUR\",\"amount\":\"x\"}",
                "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":1}]}]",
                "{\"amount\":-1,\"items\":[]}", "{\"amount\":12.5,\"items\":[]}",
                "{\"amount\":0.001,\"items\":[{\"sku\":\"\",\"qty\":0}]}");
    }

    @ParameterizedTest
    @MethodSource("upsertBodies")
    void the_profile_body_reads_as_the_strict_object_mapper_read_it(String body) {
        assertThat(outcome(body, UpsertProfileRequest::read)).isEqualTo(legacy(body, UpsertProfileRequest.class));
    }

    @ParameterizedTest
    @MethodSource("placeOrderBodies")
    void the_order_body_reads_as_the_strict_object_mapper_read_it(String body) {
        assertThat(outcome(body, PlaceOrderRequest::read)).isEqualTo(legacy(body, PlaceOrderRequest.class));
    }

    /**
     * Two deliberate differences: inside an order line, a number out of the int range and a duplicate key were
     * "does not have the documented shape" (Jackson wrapped the parser's error); they are what they are now, as
     * at the top level.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"qty\":99999999999}]}",
            "{\"amount\":12.5,\"items\":[{\"sku\":\"A-1\",\"sku\":\"B\",\"qty\":1}]}"})
    void a_parser_error_inside_a_line_is_invalid_json(String body) {
        assertThat(legacy(body, PlaceOrderRequest.class)).contains("does not have the documented shape");
        assertThat(outcome(body, PlaceOrderRequest::read)).isEqualTo("400 " + JsonBody.NOT_JSON + " []");
    }

    private static <T> String outcome(String body, JsonBody.Shape<T> shape) {
        try {
            return "ok " + JsonBody.read(body.getBytes(StandardCharsets.UTF_8), shape);
        } catch (RequestRejected e) {
            return rejected(e);
        }
    }

    /** What HttpJson.read answered before JsonBody, with the mapper it used. */
    private static <T> String legacy(String body, Class<T> type) {
        try {
            T value = Json.MAPPER.readValue(body.getBytes(StandardCharsets.UTF_8), type);
            if (value == null) {
                return rejected(RequestRejected.badRequest("The body must be a JSON object."));
            }
            return "ok " + value;
        } catch (UnrecognizedPropertyException e) {
            return rejected(RequestRejected.invalidFields(List.of(new FieldError(path(e), "is not a known field"))));
        } catch (MismatchedInputException e) {
            String path = path(e);
            return rejected(path.isEmpty() ? RequestRejected.badRequest(JsonBody.NOT_AN_OBJECT)
                    : RequestRejected.invalidFields(List.of(new FieldError(path, "has the wrong type"))));
        } catch (JsonMappingException e) {
            return rejected(RequestRejected.badRequest("The body does not have the documented shape."));
        } catch (JacksonException e) {
            return rejected(RequestRejected.badRequest(JsonBody.NOT_JSON));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String rejected(RequestRejected e) {
        return e.status() + " " + e.detail() + " " + e.errors();
    }
}
