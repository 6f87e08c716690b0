package dev.ordersprofiles.handlers.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RdsWelcomeHandlerTest {
    private final RdsWelcomeHandler handler = new RdsWelcomeHandler();

    @Test
    void the_trigger_payload_becomes_one_json_line_with_the_welcome_and_no_email() throws IOException {
        // the payload sam/rds/001_registrations.sql builds with json_build_object
        String payload = "{\"id\":7,\"name\":\"Alice\",\"email\":\"alice@example.com\","
                + "\"created_at\":\"2026-12-02T13:00:00.123+00:00\"}";
        try (CapturedStdout out = new CapturedStdout()) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), answer,
                    new TestContext());

            assertThat(answer.toString(StandardCharsets.UTF_8)).isEqualTo("{\"welcomed\":7}");
            List<JsonNode> lines = out.jsonLines();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).path("message").asText()).isEqualTo("WELCOME FROM RDS: id=7 name=Alice");
            assertThat(lines.get(0).path("function").asText()).isEqualTo("rds-welcome");
            assertThat(lines.get(0).path("level").asText()).isEqualTo("INFO");
            assertThat(out.text()).doesNotContain("alice@example.com");
        }
    }

    @Test
    void a_payload_without_id_or_name_fails_the_invocation() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("name", "Alice"),
                Map.of("id", "7", "name", "Alice"), Map.of("id", 7, "name", " "), Map.of())) {
            try (CapturedStdout out = new CapturedStdout()) {
                assertThatThrownBy(() -> handler.handleRequest(bad, new TestContext()))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(out.jsonLines()).singleElement()
                        .satisfies(line -> assertThat(line.path("level").asText()).isEqualTo("ERROR"));
            }
        }
    }
}
