package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console on a running stack, after an order: executions with durations, the run's per-state durations, the
 * logs filtered by function, level and request id, the metrics the functions emitted, and the tables' items.
 */
class ConsoleIT {
    private static LocalStack stack;
    private static Http http;
    private static String orderId;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        stack = LocalStack.start(LocalOptions.defaults().withPort(0).withDataDir(Files.createTempDirectory("console-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml")));
        http = new Http(stack.port());
        String token = http.token("console-user");
        Http.Answer placed = http.post("/orders", token, "{\"amount\": 12.00, \"items\": [{\"sku\": \"C-1\", \"qty\": 1}]}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        orderId = placed.json().get("orderId").asText();
        LocalStackIT.awaitTerminalOn(http, token, orderId);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void executions_list_and_detail_show_durations_and_wrap_long_lines() throws Exception {
        String list = html("/_local/executions");
        assertThat(list).contains(orderId).contains("class=\"duration\"").contains("SUCCEEDED")
                .contains("<td class=\"output-status\">CONFIRMED</td>")
                .contains("<nav>").doesNotContain("http-equiv=\"refresh\"");
        String detail = html("/_local/executions/" + orderId);
        assertThat(detail).contains("<h2>Durations</h2>").contains("whole run").contains("<td>Validate</td>")
                .contains("overflow-wrap:anywhere").contains("<svg");
        assertThat(detail.indexOf("<h2>Durations</h2>")).isLessThan(detail.indexOf("<h2>States</h2>"));
    }

    @Test
    void logs_filter_by_function_level_and_request_id() throws Exception {
        JsonNode created = awaitLines("function=orders-create", lines -> lines.size() > 0);
        for (JsonNode line : created) {
            assertThat(line.get("function").asText()).isEqualTo("orders-create");
        }
        String requestId = "";
        for (JsonNode line : created) {
            if (!line.get("requestId").asText().isEmpty()) {
                requestId = line.get("requestId").asText();
            }
        }
        assertThat(requestId).isNotEmpty();
        String id = requestId;
        JsonNode byRequest = lines("requestId=" + id);
        assertThat(byRequest).isNotEmpty().allSatisfy(l -> assertThat(l.get("requestId").asText() + l.get("text").asText())
                .contains(id));
        assertThat(lines("level=ERROR")).allSatisfy(l -> assertThat(l.get("level").asText()).isEqualTo("ERROR"));
        assertThat(lines("requestId=no-such-request")).isEmpty();
        long last = http.get("/_local/logs?format=json", null).json().get("last").asLong();
        assertThat(lines("after=" + last + "&function=orders-create")).isEmpty();

        String page = html("/_local/logs?function=orders-create&follow=1");
        assertThat(page).contains("http-equiv=\"refresh\"").contains("<option selected>orders-create</option>")
                .contains("<td class=\"text\">");
        assertThat(http.get("/_local/logs?limit=0", null).status()).isEqualTo(400);
    }

    @Test
    void metrics_count_what_the_functions_emitted() throws Exception {
        JsonNode placed = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && placed == null) {
            for (JsonNode m : http.get("/_local/metrics?format=json", null).json().get("metrics")) {
                if (m.get("name").asText().equals("OrdersConfirmed") && m.get("function").asText().equals("*")) {
                    placed = m;
                }
            }
            Thread.sleep(100);
        }
        assertThat(placed).as("OrdersConfirmed in the metrics").isNotNull();
        double sum = 0;
        for (JsonNode v : placed.get("perMinute")) {
            sum += v.asDouble();
        }
        assertThat(sum).isGreaterThanOrEqualTo(1);
        assertThat(placed.get("namespace").asText()).isEqualTo("OrdersProfiles");
        assertThat(html("/_local/metrics")).contains("id=\"metric-OrdersConfirmed\"").contains("<svg")
                .contains("confirm-order");
    }

    @Test
    void tables_are_browsable_read_only_and_only_the_template_ones() throws Exception {
        JsonNode tables = http.get("/_local/tables?format=json", null).json().get("tables");
        assertThat(tables.toString()).contains("\"name\":\"orders\"").contains("\"name\":\"profiles\"");
        JsonNode items = http.get("/_local/tables/orders?format=json", null).json().get("items");
        assertThat(items.toString()).contains(orderId);
        assertThat(html("/_local/tables/orders")).contains("<td class=\"text\">" + orderId + "</td>");
        assertThat(http.get("/_local/tables/not-a-table", null).status()).isEqualTo(404);
        assertThat(http.get("/_local/tables/orders?start=" + URLEncoder.encode("{not json", StandardCharsets.UTF_8),
                null).status()).isEqualTo(400);
        assertThat(html("/_local/")).contains("/_local/logs").contains("/_local/metrics").contains("/_local/tables");
    }

    private static String html(String path) {
        Http.Answer answer = http.get(path + (path.contains("?") ? "&" : "?") + "format=html", null);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        return answer.body();
    }

    private static JsonNode lines(String query) {
        Http.Answer answer = http.get("/_local/logs?format=json&" + query, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("lines");
    }

    /** Lines reach the console once the log writer has written them: poll until {@code done}. */
    private static JsonNode awaitLines(String query, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode lines = lines(query);
        while (!done.test(lines) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            lines = lines(query);
        }
        return lines;
    }
}
