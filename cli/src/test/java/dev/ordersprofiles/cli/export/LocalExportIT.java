package dev.ordersprofiles.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** A local export of a dynalite table, checked against DynamoDB's export layout and against the table itself. */
class LocalExportIT {
    private static final JsonFactory JSON = new JsonFactory();
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void connect() {
        dynamo = ExportFixture.sdk();
    }

    @AfterAll
    static void disconnect() {
        dynamo.close();
    }

    @Test
    void manifests_count_every_item_and_checksum_every_data_file_as_s3_would(@TempDir Path s3) throws Exception {
        String table = "export-it-" + System.nanoTime();
        ExportFixture.createOrdersTable(dynamo, table);
        ExportFixture.putOrders(dynamo, table, 23, Instant.parse("2026-11-03T12:00:00Z"));

        LocalExport.Result result = new LocalExport(dynamo, s3, Clock.systemUTC(), 10)
                .export(table, "exports", "exports/" + table, new PrintWriter(new ByteArrayOutputStream()));

        Path dir = s3.resolve("exports/exports/" + table + "/AWSDynamoDB/" + result.exportId());
        assertThat(result.directory()).isEqualTo(dir);
        assertThat(result.exportId()).matches("\\d{14}-[0-9a-f]{8}");
        assertThat(dir.resolve("_started")).isEmptyFile();
        Map<String, String> summary = fields(Files.readString(dir.resolve("manifest-summary.json")));
        assertThat(summary).containsEntry("itemCount", "23").containsEntry("outputFormat", "DYNAMODB_JSON")
                .containsEntry("exportType", "FULL_EXPORT").containsEntry("s3Bucket", "exports")
                .containsEntry("s3Prefix", "exports/" + table).containsEntry("version", "2020-06-30")
                .hasEntrySatisfying("startTime", t -> assertThat(t).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z"))
                .containsEntry("manifestFilesS3Key",
                        "exports/" + table + "/AWSDynamoDB/" + result.exportId() + "/manifest-files.json");
        String tableArn = dynamo.describeTable(b -> b.tableName(table)).table().tableArn();
        assertThat(summary).containsEntry("tableArn", tableArn)
                .containsEntry("exportArn", tableArn + "/export/" + result.exportId());

        List<String> lines = Files.readAllLines(dir.resolve("manifest-files.json"));
        assertThat(lines).hasSize(3); // 10 + 10 + 3 items
        long counted = 0;
        Set<String> exportedIds = new HashSet<>();
        for (String line : lines) {
            Map<String, String> file = fields(line);
            Path data = s3.resolve("exports").resolve(file.get("dataFileS3Key"));
            assertThat(file.get("dataFileS3Key")).matches(
                    "exports/" + table + "/AWSDynamoDB/" + result.exportId() + "/data/[a-z2-7]{26}\\.json\\.gz");
            byte[] bytes = Files.readAllBytes(data);
            byte[] md5 = MessageDigest.getInstance("MD5").digest(bytes);
            assertThat(file.get("md5Checksum")).isEqualTo(Base64.getEncoder().encodeToString(md5));
            // S3's multipart ETag: hex MD5 of the concatenated part MD5s, "-", the part count
            assertThat(file.get("etag"))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(md5)) + "-1");
            List<String> items = gunzipLines(bytes);
            assertThat(items).hasSize(Integer.parseInt(file.get("itemCount")));
            for (String item : items) {
                assertThat(item).startsWith("{\"Item\":{");
                exportedIds.add(orderIdOf(item));
            }
            counted += items.size();
        }
        assertThat(counted).isEqualTo(23);
        Set<String> scanned = new HashSet<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(table).build()).items()
                .forEach(i -> scanned.add(i.get("orderId").s()));
        assertThat(exportedIds).isEqualTo(scanned).hasSize(23);
        assertThat(Files.readString(dir.resolve("manifest-files.checksum"))).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("MD5").digest(Files.readAllBytes(dir.resolve("manifest-files.json")))));
    }

    @Test
    void an_empty_table_exports_one_empty_data_file(@TempDir Path s3) throws Exception {
        String table = "export-empty-" + System.nanoTime();
        ExportFixture.createOrdersTable(dynamo, table);

        LocalExport.Result result = new LocalExport(dynamo, s3, Clock.systemUTC())
                .export(table, "exports", "exports/" + table, new PrintWriter(new ByteArrayOutputStream()));

        assertThat(fields(Files.readString(result.manifestSummary()))).containsEntry("itemCount", "0");
        List<String> files = Files.readAllLines(result.directory().resolve("manifest-files.json"));
        assertThat(files).hasSize(1);
        assertThat(fields(files.get(0))).containsEntry("itemCount", "0");
        try (Stream<Path> data = Files.list(result.directory().resolve("data"))) {
            assertThat(gunzipLines(Files.readAllBytes(data.findFirst().orElseThrow()))).isEmpty();
        }
    }

    @Test
    void each_line_is_the_item_in_dynamodb_json_with_every_attribute_type(@TempDir Path s3) throws Exception {
        String table = "export-types-" + System.nanoTime();
        ExportFixture.createOrdersTable(dynamo, table);
        Map<String, AttributeValue> written = ExportFixture.putOrders(dynamo, table, 1, Instant.EPOCH).get(0);

        LocalExport.Result result = new LocalExport(dynamo, s3, Clock.systemUTC())
                .export(table, "exports", "exports/" + table, new PrintWriter(new ByteArrayOutputStream()));

        String line;
        try (Stream<Path> data = Files.list(result.directory().resolve("data"))) {
            line = gunzipLines(Files.readAllBytes(data.findFirst().orElseThrow())).get(0);
        }
        // Values as the DynamoDB API itself writes them (DynamoDB's marshalled JSON), read back independently.
        assertThat(line).contains("\"orderId\":{\"S\":\"o-0\"}", "\"amount\":{\"N\":\"10.25\"}",
                "\"blob\":{\"B\":\"AAEA/w==\"}", "\"tags\":{\"SS\":[", "\"b\\\"quoted\\\"\"", "\"ünï\"",
                "\"scores\":{\"NS\":[\"1\",\"2.5\"]}", "\"gone\":{\"NULL\":true}", "\"flag\":{\"BOOL\":true}",
                "\"items\":{\"L\":[{\"M\":{");
        assertThat(line).doesNotContain("\n");
        assertThat(written).hasSize(13);
    }

    static String orderIdOf(String line) throws IOException {
        try (JsonParser parser = JSON.createParser(line)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("orderId")) {
                    parser.nextToken(); // {
                    parser.nextToken(); // "S"
                    parser.nextToken();
                    return parser.getText();
                }
            }
        }
        throw new AssertionError("no orderId in " + line);
    }

    /** Top-level fields of a JSON object, every scalar as its text. */
    static Map<String, String> fields(String json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                fields.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
                parser.skipChildren();
            }
        }
        return fields;
    }

    static List<String> gunzipLines(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            assertThat(text.isEmpty() || text.endsWith("\n")).isTrue();
            return lines;
        }
    }
}
