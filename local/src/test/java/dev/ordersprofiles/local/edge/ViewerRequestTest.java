package dev.ordersprofiles.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java port must pass the very table the CloudFront function's node tests use. */
class ViewerRequestTest {

    static Stream<Arguments> cases() throws IOException {
        JsonNode table = new ObjectMapper().readTree(Path.of("..", "sam", "edge", "cases.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        table.get("cases").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c.get("in"), c.get("out"))));
        assertThat(cases).isNotEmpty();
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_port_behaves_as_the_cloudfront_function(String name, JsonNode in, JsonNode out) {
        ViewerRequest.Outcome outcome = ViewerRequest.handle(in.get("uri").asText(), query(in.path("querystring")));

        if (out.has("redirect")) {
            assertThat(outcome).isEqualTo(new ViewerRequest.Outcome.Redirect(out.get("status").asInt(),
                    out.get("redirect").asText()));
        } else {
            assertThat(outcome).isEqualTo(new ViewerRequest.Outcome.Pass(out.get("uri").asText()));
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
