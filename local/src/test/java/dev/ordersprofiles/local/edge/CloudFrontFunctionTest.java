package dev.ordersprofiles.local.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.template.TemplateReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The template's own FunctionCode, run by node, passes the very table the CloudFront function's node tests use. */
class CloudFrontFunctionTest {
    private static CloudFrontFunction function;

    @BeforeAll
    static void start() {
        String code = TemplateReader.read(Path.of("..", "sam", "template.yaml"), Map.of()).viewerRequestCode()
                .orElseThrow();
        function = new CloudFrontFunction(code);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Stream<Arguments> cases() throws IOException {
        JsonNode table = new ObjectMapper().readTree(Path.of("..", "sam", "edge", "cases.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        table.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c.get("in"), c.get("out"))));
        assertThat(cases).isNotEmpty();
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_templates_function_behaves_as_the_case_table_says(String name, JsonNode in, JsonNode out) {
        CloudFrontFunction.Outcome outcome = function.viewerRequest("GET", in.get("uri").asText(),
                query(in.path("querystring")), Map.of());

        if (out.has("redirect")) {
            assertThat(outcome).isInstanceOf(CloudFrontFunction.Outcome.Respond.class);
            CloudFrontFunction.Outcome.Respond respond = (CloudFrontFunction.Outcome.Respond) outcome;
            assertThat(respond.status()).isEqualTo(out.get("status").asInt());
            assertThat(respond.headers()).containsEntry("location", out.get("redirect").asText());
        } else {
            assertThat(outcome).isEqualTo(new CloudFrontFunction.Outcome.Pass(out.get("uri").asText()));
        }
    }

    @Test
    void a_function_without_a_handler_or_that_throws_is_an_error() {
        try (CloudFrontFunction none = new CloudFrontFunction("var x = 1;")) {
            assertThatThrownBy(() -> none.viewerRequest("GET", "/", Map.of(), Map.of()))
                    .hasMessageContaining("no handler");
        }
        try (CloudFrontFunction throwing = new CloudFrontFunction("function handler(e) { throw new Error('nope'); }")) {
            assertThatThrownBy(() -> throwing.viewerRequest("GET", "/", Map.of(), Map.of()))
                    .hasMessageContaining("nope");
        }
    }

    @Test
    void the_function_has_no_module_system() {
        try (CloudFrontFunction requiring = new CloudFrontFunction(
                "function handler(e) { return { statusCode: 200, headers: { t: { value: typeof require } } }; }")) {
            CloudFrontFunction.Outcome outcome = requiring.viewerRequest("GET", "/", Map.of(), Map.of());
            assertThat(((CloudFrontFunction.Outcome.Respond) outcome).headers()).containsEntry("t", "undefined");
        }
    }

    /** CloudFront's querystring object: {name: {value, multiValue?: [{value}]}}. */
    private static Map<String, List<String>> query(JsonNode querystring) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = querystring.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> values = new ArrayList<>();
            if (e.getValue().has("multiValue")) {
                e.getValue().get("multiValue").forEach(v -> values.add(v.get("value").asText()));
            } else {
                values.add(e.getValue().get("value").asText());
            }
            query.put(e.getKey(), values);
        }
        return query;
    }
}
