package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {

    @Test
    void health_answers_ok_with_the_service_name() {
        APIGatewayProxyResponseEvent response = call(new HealthHandler(), event("api-health-get"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"ok\":true,\"service\":\"serverless-api\"}");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void every_invocation_writes_one_structured_log_line_and_only_the_first_is_a_cold_start() {
        HealthHandler handler = new HealthHandler();
        try (CapturedStdout out = new CapturedStdout()) {
            call(handler, event("api-health-get"));
            call(handler, event("api-health-get"));

            List<JsonNode> lines = out.invocationLines();
            assertThat(out.lines()).hasSize(2);
            assertThat(lines).hasSize(2);
            JsonNode first = lines.get(0);
            assertThat(first.path("function").asText()).isEqualTo("health");
            assertThat(first.path("route").asText()).isEqualTo("GET /health");
            assertThat(first.path("status").asInt()).isEqualTo(200);
            assertThat(first.path("level").asText()).isEqualTo("INFO");
            assertThat(first.path("requestId").asText()).isNotBlank().isNotEqualTo("-");
            assertThat(first.path("durationMs").isIntegralNumber()).isTrue();
            assertThat(first.path("coldStart").asBoolean()).isTrue();
            assertThat(lines.get(1).path("coldStart").asBoolean()).isFalse();
        }
    }
}
