package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second SAM application (src/test/resources/second-app/template.yaml: its own handlers, a table with a stream,
 * a schedule, an API route) runs on the stack unchanged, each function in processes of its own.
 */
class SecondAppIT {
    private static LocalStack stack;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        Path template = Path.of(SecondAppIT.class.getResource("/second-app/template.yaml").toURI());
        stack = LocalStack.start(LocalOptions.defaults().withPort(0)
                .withDataDir(Files.createTempDirectory("second-app-it"))
                .withTemplate(template)
                .withStore(new LocalOptions.Store(true, Optional.of(Path.of("..", "tools", "dynalite")),
                        Duration.ofSeconds(30), false))
                .withParameter("TickSchedule", "rate(1 second)"));
        http = new Http(stack.port());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void its_route_reaches_its_handler_with_its_environment() {
        Http.Answer answer = http.get("/hello/alice", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("path").asText()).isEqualTo("/hello/alice");
        assertThat(body.get("greeting").asText()).isEqualTo("hello from the second app");
        assertThat(body.get("table").asText()).isNotBlank().isNotEqualTo("null");
        // the stack's AWS APIs, on the loopback port the functions get (not the public one: docs/architecture.md 8.4)
        assertThat(body.get("endpoint").asText()).matches("http://127\\.0\\.0\\.1:[0-9]+");
    }

    @Test
    void a_write_to_its_table_reaches_its_stream_function() throws Exception {
        String table = http.get("/hello/bob", null).json().get("table").asText();

        Http.Answer put = http.signed("POST", "/", "{\"TableName\":\"" + table + "\",\"Item\":{"
                        + "\"id\":{\"S\":\"note-7\"},\"text\":{\"S\":\"remember the milk\"}}}",
                "X-Amz-Target", "DynamoDB_20120810.PutItem", "Content-Type", "application/x-amz-json-1.0");
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        Optional<String> line = CapturedStdout.await("NOTES-STREAM", Duration.ofSeconds(60));
        assertThat(line).isPresent();
        assertThat(line.get()).startsWith("[notes-stream] ").contains("\"eventName\":\"INSERT\"")
                .contains("note-7").contains("remember the milk");
    }

    @Test
    void its_schedule_invokes_its_function_with_a_scheduled_event() throws Exception {
        Optional<String> line = CapturedStdout.await("NOTES-TICK", Duration.ofSeconds(60));

        assertThat(line).isPresent();
        assertThat(line.get()).startsWith("[tick] ").contains("\"detail-type\":\"Scheduled Event\"");
    }
}
