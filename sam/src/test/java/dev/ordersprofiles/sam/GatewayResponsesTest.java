package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every answer API Gateway makes itself is an application/problem+json body like the functions' (handlers'
 * Problem): valid JSON once API Gateway fills in its message, with the status it sends. Checked on the real
 * template (no problems) and on a broken copy (reported).
 */
class GatewayResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The response types a client of this API can meet (authorizer, routing, throttling, integration). */
    private static final Set<String> REQUIRED = Set.of("UNAUTHORIZED", "ACCESS_DENIED", "MISSING_AUTHENTICATION_TOKEN",
            "THROTTLED", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "DEFAULT_4XX", "DEFAULT_5XX");

    @Test
    void every_gateway_response_is_a_problem_with_the_status_it_sends() {
        assertThat(problems(Template.load())).isEmpty();
    }

    @Test
    void a_broken_gateway_response_is_reported() {
        assertThat(problems(Template.mutated("\"status\":429,\"detail\":$context.error.messageString}'\n"
                + "        QUOTA_EXCEEDED:", "\"status\":$context.error.responseType}'\n        QUOTA_EXCEEDED:")))
                .singleElement().asString().startsWith("THROTTLED: body is not JSON");
        assertThat(problems(Template.mutated("        UNAUTHORIZED:\n          StatusCode: 401\n",
                "        UNAUTHORIZED:\n          StatusCode: 400\n")))
                .singleElement().asString().startsWith("UNAUTHORIZED: body status 401");
    }

    static final Map<String, Object> DOCS_ORIGIN = Map.of("Fn::Sub", "'https://${DocsDistribution.DomainName}'");

    @SuppressWarnings("unchecked")
    static List<String> problems(Template t) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> responses = (Map<String, Object>) t.properties("Api").get("GatewayResponses");
        if (responses == null) {
            return List.of("Api: no GatewayResponses");
        }
        for (String required : REQUIRED) {
            if (!responses.containsKey(required)) {
                problems.add(required + ": missing");
            }
        }
        responses.forEach((type, value) -> {
            Map<String, Object> r = (Map<String, Object>) value;
            Object status = r.get("StatusCode");
            Map<String, Object> headers = (Map<String, Object>) ((Map<String, Object>) r.getOrDefault(
                    "ResponseParameters", Map.of())).getOrDefault("Headers", Map.of());
            if (!"'application/problem+json'".equals(headers.get("Content-Type"))) {
                problems.add(type + ": Content-Type should be 'application/problem+json', is " + headers.get("Content-Type"));
            }
            // The Try-it page on the docs site must be able to read the gateway's own answers too.
            if (!DOCS_ORIGIN.equals(headers.get("Access-Control-Allow-Origin"))) {
                problems.add(type + ": Access-Control-Allow-Origin should be the docs site's origin, is "
                        + headers.get("Access-Control-Allow-Origin"));
            }
            Object template = ((Map<String, Object>) r.getOrDefault("ResponseTemplates", Map.of())).get("application/json");
            try {
                JsonNode body = JSON.readTree(String.valueOf(template)
                        .replace("$context.error.messageString", "\"Unauthorized\""));
                if (!body.path("type").asText().startsWith("https://ordersprofiles.dev/problems/")
                        || !body.path("title").isTextual() || !body.path("detail").isTextual()) {
                    problems.add(type + ": body is not a problem (type, title, status, detail): " + body);
                } else if (!String.valueOf(status).equals(body.path("status").asText())) {
                    problems.add(type + ": body status " + body.path("status") + " but StatusCode " + status);
                }
            } catch (Exception e) {
                problems.add(type + ": body is not JSON: " + template);
            }
        });
        return problems;
    }
}
