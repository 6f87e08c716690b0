package dev.ordersprofiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.LocalOptions;
import dev.ordersprofiles.local.LocalStack;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's local path end to end: orders placed through the local stack's API (confirmed and declined), then
 * {@code ./orders-profiles export --table orders --local} against the stack's own DynamoDB API and the template's
 * named queries through {@code query}: their answers equal what {@code GET /orders} says.
 */
class StackExportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static Path data;
    private static List<JsonNode> orders;

    @BeforeAll
    static void placeOrdersAndExport() throws Exception {
        data = Files.createTempDirectory("stack-export-it");
        stack = LocalStack.start(LocalOptions.defaults().withPort(0).withDataDir(data)
                .withStore(LocalOptions.Store.DEFAULT.withInMemory(true))
                .withTemplate(Path.of("..", "sam", "template.yaml")));
        String token = send("POST", "/_local/token", null,
                "{\"username\":\"export-it\",\"email\":\"export-it@example.com\"}").get("id_token").asText();
        List<String> ids = new ArrayList<>();
        // the simulated provider declines amounts above SimDeclineAbove (5000.00): some orders end FAILED
        for (String amount : List.of("10.25", "42.50", "9000", "7.00", "6000.10", "99.99")) {
            ids.add(send("POST", "/orders", token, "{\"amount\": " + amount
                    + ", \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}").get("orderId").asText());
        }
        for (String id : ids) {
            awaitTerminal(token, id);
        }
        orders = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = send("GET", "/orders?limit=2" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token, null);
            page.get("items").forEach(orders::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(orders).hasSize(ids.size());
        assertThat(orders.stream().map(o -> o.get("status").asText())).contains("CONFIRMED", "FAILED");

        NamedQueriesIT.Run export = NamedQueriesIT.run("export", "--table", "orders", "--local", "--endpoint",
                "http://127.0.0.1:" + stack.port(), "--data-dir", data.toString());
        assertThat(export.status()).as(export.err()).isZero();
        // the stack ran the export itself (ExportTableToPointInTime), not the tool's Scan fallback
        assertThat(export.out()).contains(":table/orders/export/").contains("COMPLETED, " + ids.size() + " item(s)")
                .doesNotContain("scanning the table instead");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void every_exported_order_is_the_order_the_api_shows() {
        List<String> rows = query("SELECT Item.orderId.S AS id, Item.status.S AS status, Item.amount.N AS amount,"
                + " Item.createdAt.S AS created_at FROM orders ORDER BY 1");

        List<String> expected = orders.stream().sorted((a, b) -> a.get("orderId").asText()
                        .compareTo(b.get("orderId").asText()))
                .map(o -> o.get("orderId").asText() + "\t" + o.get("status").asText() + "\t"
                        + o.get("amount").decimalValue().stripTrailingZeros().toPlainString() + "\t"
                        + o.get("createdAt").asText())
                .toList();
        assertThat(rows.get(0)).isEqualTo("id\tstatus\tamount\tcreated_at");
        assertThat(rows.subList(1, rows.size()).stream().map(StackExportIT::plainAmount).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void the_named_queries_answer_what_the_api_says() throws IOException {
        Map<String, Long> perDay = new TreeMap<>(orders.stream().collect(Collectors.groupingBy(
                o -> o.get("createdAt").asText().substring(0, 10) + "\t" + o.get("status").asText(),
                Collectors.counting())));
        List<String> byDay = new ArrayList<>();
        perDay.forEach((key, count) -> byDay.add(key + "\t" + count));
        assertThat(query(NamedQueriesIT.namedQuery("OrdersByStatusPerDayQuery")))
                .containsExactlyElementsOf(concat("day\tstatus\torders", byDay));

        List<JsonNode> confirmed = orders.stream().filter(o -> o.get("status").asText().equals("CONFIRMED")).toList();
        BigDecimal revenue = confirmed.stream().map(o -> o.get("amount").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(query(NamedQueriesIT.namedQuery("ConfirmedRevenueQuery")))
                .containsExactly("orders\trevenue", confirmed.size() + "\t" + revenue.setScale(2));

        // every order has finished: none is stuck
        assertThat(query(NamedQueriesIT.namedQuery("StuckOrdersQuery"))).containsExactly("order_id\tstatus\tupdated_at");
    }

    private static List<String> concat(String header, List<String> rows) {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** The amount column (the third) as a plain decimal without trailing zeros, as the API's number is compared. */
    private static String plainAmount(String row) {
        String[] cells = row.split("\t");
        cells[2] = new BigDecimal(cells[2]).stripTrailingZeros().toPlainString();
        return String.join("\t", cells);
    }

    private static List<String> query(String sql) {
        NamedQueriesIT.Run result = NamedQueriesIT.run("query", sql, "--data-dir", data.toString());
        assertThat(result.status()).as(result.err()).isZero();
        return result.out().lines().toList();
    }

    private static void awaitTerminal(String token, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = send("GET", "/orders/" + id, token, null).get("status").asText();
            if (Set.of("CONFIRMED", "FAILED", "EXPIRED").contains(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("order " + id + " still " + status);
    }

    private static JsonNode send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
        return JSON.readTree(answer.body());
    }
}
