package dev.ordersprofiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.cli.export.ExportFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * {@code ./orders-profiles export --local} of an {@code orders} table on dynalite, then each of the template's Athena
 * named queries, read from sam/template.yaml, through {@code ./orders-profiles query}: the answers equal what a Scan
 * of the table says.
 */
class NamedQueriesIT {
    private static final Set<String> IN_FLIGHT = Set.of("PENDING", "VALIDATED", "RESERVED", "CHARGED");
    private static final Instant LONG_AGO = Instant.parse("2026-11-03T12:00:00Z");

    @TempDir
    static Path dataDir;
    private static List<Map<String, AttributeValue>> table;

    @BeforeAll
    static void exportOrders() {
        try (DynamoDbClient dynamo = ExportFixture.sdk()) {
            ExportFixture.createOrdersTable(dynamo, "orders");
            ExportFixture.putOrders(dynamo, "orders", 30, LONG_AGO);
            // a few in-flight orders changed just now are not stuck
            for (String id : List.of("o-0", "o-1", "o-9")) {
                dynamo.updateItem(b -> b.tableName("orders").key(Map.of("orderId", AttributeValue.fromS(id)))
                        .updateExpression("SET updatedAt = :now")
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Instant.now().toString()))));
            }
            table = new ArrayList<>();
            dynamo.scanPaginator(ScanRequest.builder().tableName("orders").build()).items().forEach(table::add);
        }
        Run export = run("export", "--table", "orders", "--local", "--endpoint",
                Dynalite.shared().endpoint().toString(), "--data-dir", dataDir.toString());
        assertThat(export.status).as(export.err).isZero();
        // a bare dynalite has no export API: the tool writes the layout from a Scan
        assertThat(export.out).contains("scanning the table instead").contains("COMPLETED, 30 item(s)");
    }

    @Test
    void orders_by_status_per_day_match_the_table() throws IOException {
        Map<String, Long> expected = new TreeMap<>(table.stream().collect(Collectors.groupingBy(
                i -> i.get("createdAt").s().substring(0, 10) + "\t" + i.get("status").s(), Collectors.counting())));

        List<String> rows = query(namedQuery("OrdersByStatusPerDayQuery"));

        assertThat(rows.get(0)).isEqualTo("day\tstatus\torders");
        List<String> wanted = new ArrayList<>();
        expected.forEach((key, count) -> wanted.add(key + "\t" + count));
        assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(wanted);
    }

    @Test
    void revenue_of_confirmed_orders_matches_the_table() throws IOException {
        List<Map<String, AttributeValue>> confirmed = table.stream()
                .filter(i -> i.get("status").s().equals("CONFIRMED")).toList();
        BigDecimal revenue = confirmed.stream().map(i -> new BigDecimal(i.get("amount").n()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        List<String> rows = query(namedQuery("ConfirmedRevenueQuery"));

        assertThat(confirmed).hasSizeGreaterThan(1);
        assertThat(rows).containsExactly("orders\trevenue", confirmed.size() + "\t" + revenue.setScale(2));
    }

    @Test
    void stuck_orders_are_the_in_flight_ones_unchanged_for_an_hour() throws IOException {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        Set<String> expected = table.stream()
                .filter(i -> IN_FLIGHT.contains(i.get("status").s()))
                .filter(i -> Instant.parse(i.get("updatedAt").s()).isBefore(hourAgo))
                .map(i -> i.get("orderId").s()).collect(Collectors.toSet());

        List<String> rows = query(namedQuery("StuckOrdersQuery"));

        assertThat(rows.get(0)).isEqualTo("order_id\tstatus\tupdated_at");
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.split("\t")[0]))
                .containsExactlyInAnyOrderElementsOf(expected).doesNotContain("o-0", "o-1", "o-9");
        assertThat(expected).hasSizeGreaterThan(5);
    }

    @Test
    void a_bad_statement_is_one_line_and_status_2() {
        Run bad = run("query", "SELECT nope FROM orders", "--data-dir", dataDir.toString());

        assertThat(bad.status).isEqualTo(2);
        assertThat(bad.err.strip()).startsWith("orders-profiles: ").doesNotContain("\n");
    }

    /** The QueryString block of a named query in sam/template.yaml. */
    static String namedQuery(String logicalId) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../sam/template.yaml"));
        int resource = lines.indexOf("  " + logicalId + ":");
        assertThat(resource).as(logicalId + " in the template").isPositive();
        int i = resource + 1;
        while (!lines.get(i).strip().equals("QueryString: |")) {
            i++;
        }
        int indent = lines.get(i).indexOf('Q');
        StringBuilder sql = new StringBuilder();
        for (i++; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && line.indexOf(line.strip()) <= indent) {
                break;
            }
            sql.append(line.strip()).append('\n');
        }
        return sql.toString();
    }

    private static List<String> query(String sql) {
        Run result = run("query", sql, "--data-dir", dataDir.toString());
        assertThat(result.status).as(result.err).isZero();
        return result.out.lines().toList();
    }

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
