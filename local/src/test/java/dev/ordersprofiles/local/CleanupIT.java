package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduled cleanup end to end: with workflow starts held (as if Step Functions were down) an order stays
 * PENDING, passes its deadline, and the schedule expires it; when the held run finally starts it fails at
 * validation and leaves the order EXPIRED.
 */
class CleanupIT {
    private static LocalStack stack;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        stack = LocalStack.start(LocalOptions.defaults().withPort(0)
                .withDataDir(Files.createTempDirectory("cleanup-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml"))
                .withParameter("PendingOrderTimeoutSeconds", "1")
                .withScheduleRate("rate(1 second)"));
        http = new Http(stack.port());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_stale_pending_order_is_expired_by_the_schedule_and_stays_expired() throws Exception {
        String token = http.token("slowpoke");
        assertThat(http.post("/_local/workflow/hold", null, "").status()).isEqualTo(200);

        String orderId = http.post("/orders", token, "{\"amount\": 5.00, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}")
                .json().get("orderId").asText();
        assertThat(http.get("/orders/" + orderId, token).json().get("status").asText()).isEqualTo("PENDING");

        JsonNode expired = awaitStatus(token, orderId, "EXPIRED");
        assertThat(expired.get("history").get(1).get("status").asText()).isEqualTo("EXPIRED");

        JsonNode released = http.post("/_local/workflow/release", null, "").json();
        assertThat(released.get("started").asInt()).isEqualTo(1);
        String execution = awaitExecutionEnd(orderId);
        assertThat(execution).contains("FAILED").contains("OrderValidationFailed");
        assertThat(http.get("/orders/" + orderId, token).json().get("status").asText()).isEqualTo("EXPIRED");
    }

    private static JsonNode awaitStatus(String token, String orderId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode order = null;
        while (System.nanoTime() < deadline) {
            order = http.get("/orders/" + orderId, token).json();
            if (order.get("status").asText().equals(status)) {
                return order;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("order never became " + status + ": " + order);
    }

    private static String awaitExecutionEnd(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.get("/_local/executions/" + name + "?format=json", null).body();
            if (!body.contains("\"RUNNING\"")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution still running: " + body);
    }
}
