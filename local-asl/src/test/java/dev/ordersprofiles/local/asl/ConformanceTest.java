package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance corpus (src/test/resources/conformance/corpus.json, made by src/test/conformance/record.py):
 * every case's outcome on local-asl must be the one the corpus expects, which is what an independent engine
 * (LocalStack's, inside moto) produced, or AWS's documented behaviour where a verdict says that engine differs.
 * Causes are compared only where a definition sets them (engines word their own States.* causes differently).
 */
class ConformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> corpus() {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/corpus.json")) {
            List<JsonNode> cases = new ArrayList<>();
            JSON.readTree(in).forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        return corpus().stream().map(c -> Arguments.of(c.get("name").asText(), c));
    }

    /** The outcome of one case on local-asl, in the corpus's shape. */
    static JsonNode runOnLocalAsl(JsonNode c) {
        var out = JSON.createObjectNode();
        Execution e;
        try {
            e = new Harness().run(c.get("definition").toString(), c.get("input").toString());
        } catch (AslDefinitionException invalid) {
            out.put("status", "INVALID");
            return out;
        }
        out.put("status", e.status().name());
        if (e.output() != null) {
            out.set("output", e.output());
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        return out;
    }

    /** Whether {@code actual} matches {@code expected}: status, output, error, and cause where the case sets it. */
    static boolean agrees(JsonNode expected, JsonNode actual, JsonNode definition) {
        if (!expected.path("status").equals(actual.path("status"))) {
            return false;
        }
        if (expected.has("output") && !numericallyEqual(expected.get("output"), actual.get("output"))) {
            return false;
        }
        if (!expected.path("error").equals(actual.path("error"))) {
            return false;
        }
        boolean definitionSetsCause = definition.toString().contains("\"Cause");
        return !definitionSetsCause || expected.path("cause").equals(actual.path("cause"));
    }

    private static boolean numericallyEqual(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            var names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!numericallyEqual(a.get(n), b.get(n))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!numericallyEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void local_asl_produces_the_expected_outcome(String name, JsonNode c) {
        JsonNode actual = runOnLocalAsl(c);
        assertThat(agrees(c.get("expected"), actual, c.get("definition")))
                .as("%s: expected %s, local-asl gave %s", name, c.get("expected"), actual).isTrue();
    }
}
