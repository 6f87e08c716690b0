package dev.ordersprofiles.handlers.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.handlers.common.Json;
import dev.ordersprofiles.handlers.support.Api;
import dev.ordersprofiles.handlers.support.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Step payloads from contracts/events, outputs checked against contracts/schemas/order-step-output.json. */
final class Steps {
    private static final JsonNode OUTPUT_SCHEMA = tree(Api.resource("contracts/schemas/order-step-output.json"));

    private Steps() {
    }

    static Map<String, Object> input(String event, String orderId) {
        try {
            Map<String, Object> input = Json.MAPPER.readValue(Api.resource("contracts/events/" + event + ".json"),
                    new TypeReference<HashMap<String, Object>>() { });
            input.put("orderId", orderId);
            return input;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the step through its byte-stream entry point when it has one (the one the Lambda runtime picks). */
    static Map<String, Object> run(RequestHandler<Map<String, Object>, Map<String, Object>> handler,
                                   Map<String, Object> input) {
        Map<String, Object> output = handler instanceof RequestStreamHandler streaming
                ? viaStream(streaming, input)
                : handler.handleRequest(input, new TestContext());
        assertThat(violations(output)).as("step output %s", output).isEmpty();
        return output;
    }

    /** The input as JSON bytes into the stream entry point, the answer parsed back; exceptions escape as thrown. */
    static Map<String, Object> viaStream(RequestStreamHandler handler, Map<String, Object> input) {
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(input)), answer,
                    new TestContext());
            return Json.MAPPER.readValue(answer.toByteArray(), new TypeReference<HashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal structural check: required, additionalProperties false, string patterns and enums. */
    static List<String> violations(Map<String, Object> output) {
        List<String> problems = new ArrayList<>();
        JsonNode properties = OUTPUT_SCHEMA.path("properties");
        OUTPUT_SCHEMA.path("required").forEach(r -> {
            if (!output.containsKey(r.asText())) {
                problems.add("missing " + r.asText());
            }
        });
        for (Map.Entry<String, Object> field : output.entrySet()) {
            JsonNode schema = properties.path(field.getKey());
            if (schema.isMissingNode()) {
                if (OUTPUT_SCHEMA.path("additionalProperties").isBoolean()
                        && !OUTPUT_SCHEMA.path("additionalProperties").asBoolean()) {
                    problems.add("unexpected " + field.getKey());
                }
                continue;
            }
            Object value = field.getValue();
            if (schema.has("pattern") && !(value instanceof String s
                    && Pattern.compile(schema.path("pattern").asText()).matcher(s).find())) {
                problems.add(field.getKey() + " does not match " + schema.path("pattern").asText());
            }
            if (schema.has("enum")) {
                List<String> allowed = new ArrayList<>();
                schema.path("enum").forEach(e -> allowed.add(e.asText()));
                if (!allowed.contains(String.valueOf(value))) {
                    problems.add(field.getKey() + " is not one of " + allowed);
                }
            }
        }
        return problems;
    }

    static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
