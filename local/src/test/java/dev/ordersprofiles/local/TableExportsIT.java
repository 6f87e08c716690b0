package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ExportSummary;
import software.amazon.awssdk.services.dynamodb.model.ExportType;

/**
 * The export API on the stack's DynamoDB endpoint, through the AWS SDK as a user's code calls it:
 * ExportTableToPointInTime, then DescribeExport until COMPLETED, ListExports; the files in DynamoDB's layout with
 * the checksums S3 would show; what cannot be done locally refused as DynamoDB refuses bad requests.
 */
class TableExportsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;
    private static DynamoDbClient dynamo;
    private static Path data;
    private static String tableArn;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("table-exports-it");
        stack = LocalStack.start(options());
        dynamo = client(stack.port());
        tableArn = dynamo.describeTable(b -> b.tableName("profiles")).table().tableArn();
    }

    private static LocalOptions options() {
        return LocalOptions.defaults().withPort(0).withDataDir(data)
                .withStore(LocalOptions.Store.DEFAULT.withInMemory(true))
                .withTemplate(Path.of("..", "sam", "template.yaml"));
    }

    private static DynamoDbClient client(int port) {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void an_export_completes_in_dynamodbs_layout_and_is_listed() throws Exception {
        Set<String> written = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String id = "export-user-" + i + "-" + System.nanoTime();
            written.add(id);
            dynamo.putItem(b -> b.tableName("profiles").item(Map.of("userId", AttributeValue.fromS(id),
                    "name", AttributeValue.fromS("N\u00e4me \"" + id + "\""), "score", AttributeValue.fromN("1.50"))));
        }
        Set<String> inTable = new HashSet<>();
        dynamo.scanPaginator(b -> b.tableName("profiles")).items().forEach(i -> inTable.add(i.get("userId").s()));

        ExportDescription started = dynamo.exportTableToPointInTime(b -> b.tableArn(tableArn).s3Bucket("exports")
                .s3Prefix("exports/profiles").exportFormat(ExportFormat.DYNAMODB_JSON)).exportDescription();
        assertThat(started.exportArn()).matches(java.util.regex.Pattern.quote(tableArn) + "/export/\\d{14}-[0-9a-f]{8}");
        ExportDescription done = awaitFinished(started.exportArn());

        assertThat(done.exportStatus()).as(done.toString()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.itemCount()).isEqualTo(inTable.size());
        assertThat(done.exportType()).isEqualTo(ExportType.FULL_EXPORT);
        assertThat(done.endTime()).isAfterOrEqualTo(done.startTime());
        String exportId = done.exportArn().substring(done.exportArn().lastIndexOf('/') + 1);
        String keyPrefix = "exports/profiles/AWSDynamoDB/" + exportId + "/";
        assertThat(done.exportManifest()).isEqualTo(keyPrefix + "manifest-summary.json");

        Path bucket = data.resolve("s3").resolve("exports");
        Path dir = bucket.resolve(keyPrefix);
        assertThat(dir.resolve("_started")).isEmptyFile();
        JsonNode summary = JSON.readTree(dir.resolve("manifest-summary.json").toFile());
        assertThat(summary.get("exportArn").asText()).isEqualTo(done.exportArn());
        assertThat(summary.get("itemCount").asLong()).isEqualTo(inTable.size());
        assertThat(summary.get("manifestFilesS3Key").asText()).isEqualTo(keyPrefix + "manifest-files.json");
        assertThat(summary.get("s3Prefix").asText()).isEqualTo("exports/profiles");
        assertThat(Instant.parse(summary.get("startTime").asText())).isEqualTo(done.startTime());
        assertThat(Files.readString(dir.resolve("manifest-summary.checksum"))).isEqualTo(hexMd5(
                Files.readAllBytes(dir.resolve("manifest-summary.json"))));

        Set<String> exported = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("manifest-files.json"))) {
            JsonNode file = JSON.readTree(line);
            byte[] object = Files.readAllBytes(bucket.resolve(file.get("dataFileS3Key").asText()));
            byte[] md5 = MessageDigest.getInstance("MD5").digest(object);
            assertThat(file.get("md5Checksum").asText()).isEqualTo(Base64.getEncoder().encodeToString(md5));
            assertThat(file.get("etag").asText()).isEqualTo(hexMd5(md5) + "-1");
            assertThat(file.get("dataFileS3Key").asText()).matches(keyPrefix + "data/[a-z2-7]{26}\\.json\\.gz");
            List<String> items = gunzipLines(object);
            assertThat(items).hasSize(file.get("itemCount").asInt());
            for (String item : items) {
                JsonNode parsed = JSON.readTree(item);
                assertThat(parsed.fieldNames()).toIterable().containsExactly("Item");
                exported.add(parsed.get("Item").get("userId").get("S").asText());
            }
        }
        assertThat(exported).isEqualTo(inTable).containsAll(written);

        List<ExportSummary> listed = dynamo.listExports(b -> b.tableArn(tableArn)).exportSummaries();
        assertThat(listed).anyMatch(s -> s.exportArn().equals(done.exportArn())
                && s.exportStatus() == ExportStatus.COMPLETED);
        String otherTable = dynamo.describeTable(b -> b.tableName("orders")).table().tableArn();
        assertThat(dynamo.listExports(b -> b.tableArn(otherTable)).exportSummaries())
                .noneMatch(s -> s.exportArn().equals(done.exportArn()));

        // a restarted stack finds the completed export on disk
        stack.close();
        stack = LocalStack.start(options());
        dynamo.close();
        dynamo = client(stack.port());
        assertThat(dynamo.describeExport(b -> b.exportArn(done.exportArn())).exportDescription().itemCount())
                .isEqualTo(inTable.size());
    }

    @Test
    void what_needs_pitr_history_or_another_format_is_refused_as_dynamodb_refuses() {
        assertThat(refusal(() -> dynamo.exportTableToPointInTime(b -> b.tableArn(tableArn).s3Bucket("exports")
                .exportType(ExportType.INCREMENTAL_EXPORT)))).startsWith("ValidationException:");
        assertThat(refusal(() -> dynamo.exportTableToPointInTime(b -> b.tableArn(tableArn).s3Bucket("exports")
                .exportFormat(ExportFormat.ION)))).startsWith("ValidationException:");
        assertThat(refusal(() -> dynamo.exportTableToPointInTime(b -> b.tableArn(tableArn).s3Bucket("exports")
                .exportTime(Instant.now().minusSeconds(3600))))).startsWith("ValidationException:");
        assertThat(refusal(() -> dynamo.exportTableToPointInTime(b -> b.tableArn(tableArn + "-nope")
                .s3Bucket("exports")))).startsWith("TableNotFoundException:");
        assertThat(refusal(() -> dynamo.exportTableToPointInTime(b -> b.tableArn(tableArn).s3Bucket("Not_A_Bucket"))))
                .startsWith("ValidationException:");
        assertThat(refusal(() -> dynamo.describeExport(b -> b.exportArn(tableArn + "/export/01234567890123-00000000"))))
                .startsWith("ExportNotFoundException:");
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (DynamoDbException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("not refused");
    }

    private static ExportDescription awaitFinished(String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ExportDescription d = dynamo.describeExport(b -> b.exportArn(arn)).exportDescription();
        while (d.exportStatus() == ExportStatus.IN_PROGRESS && System.nanoTime() < deadline) {
            Thread.sleep(50);
            d = dynamo.describeExport(b -> b.exportArn(arn)).exportDescription();
        }
        return d;
    }

    private static String hexMd5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static List<String> gunzipLines(byte[] gz) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text.isEmpty() || text.endsWith("\n")).isTrue();
            List<String> lines = new ArrayList<>();
            text.lines().filter(l -> !l.isEmpty()).forEach(lines::add);
            return lines;
        }
    }
}
