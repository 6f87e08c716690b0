package dev.ordersprofiles.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.http.HttpResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * DynamoDB's export API on the stack's DynamoDB endpoint, which the store (dynalite) lacks:
 * {@code ExportTableToPointInTime} (full exports in DynamoDB JSON), {@code DescribeExport} and {@code ListExports}.
 * An export runs on a thread of its own (IN_PROGRESS, then COMPLETED or FAILED) and writes what DynamoDB writes to
 * S3 into {@code <s3Root>/<bucket>/<prefix>/AWSDynamoDB/<export-id>/}: {@code _started}, {@code data/*.json.gz} (one
 * {@code {"Item":{...}}} per line, as the store's consistent Scan returns the item), {@code manifest-files.json}
 * (itemCount, md5Checksum = base64 MD5 of the gzip object, etag = S3's ETag of a one-part multipart upload,
 * dataFileS3Key), {@code manifest-summary.json} and a {@code .checksum} (hex MD5) of each manifest. Completed exports
 * are found again on disk after a restart. The data is a snapshot of "now": there is no PITR history locally, so an
 * {@code ExportTime}, an incremental export and the ION format are refused with a ValidationException.
 */
public final class TableExports {
    static final int ITEMS_PER_FILE = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final StoreClient store;
    private final Path s3Root;
    private final Clock clock;
    private final int itemsPerFile;
    /** Exports of this run, by ARN, as DescribeExport answers them. */
    private final Map<String, ObjectNode> running = new ConcurrentHashMap<>();
    private final Map<String, String> byClientToken = new ConcurrentHashMap<>();

    public TableExports(StoreClient store, Path s3Root, Clock clock) {
        this(store, s3Root, clock, ITEMS_PER_FILE);
    }

    TableExports(StoreClient store, Path s3Root, Clock clock, int itemsPerFile) {
        this.store = store;
        this.s3Root = s3Root;
        this.clock = clock;
        this.itemsPerFile = itemsPerFile;
    }

    public boolean serves(String operation) {
        return operation.equals("ExportTableToPointInTime") || operation.equals("DescribeExport")
                || operation.equals("ListExports");
    }

    /** Answers one of the operations {@link #serves} names; {@code body} is the request's JSON object. */
    public HttpResponse handle(String operation, JsonNode body) {
        try {
            return switch (operation) {
                case "ExportTableToPointInTime" -> ok(JSON.createObjectNode().set("ExportDescription", start(body)));
                case "DescribeExport" -> ok(JSON.createObjectNode().set("ExportDescription",
                        describe(text(body, "ExportArn", true))));
                default -> ok(list(body));
            };
        } catch (Refused e) {
            return HttpResponse.of(e.type.equals("InternalServerError") ? 500 : 400, "application/x-amz-json-1.0",
                    JSON.createObjectNode()
                    .put("__type", ERROR_PREFIX + e.type).put("message", e.getMessage()).toString()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private ObjectNode start(JsonNode body) {
        String tableArn = text(body, "TableArn", true);
        String bucket = text(body, "S3Bucket", true);
        String prefix = text(body, "S3Prefix", false);
        String format = body.path("ExportFormat").asText("DYNAMODB_JSON");
        String type = body.path("ExportType").asText("FULL_EXPORT");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new Refused("ValidationException", "S3Bucket " + bucket + " is not a bucket name");
        }
        if (prefix != null && (prefix.contains("..") || prefix.startsWith("/") || prefix.length() > 1024)) {
            throw new Refused("ValidationException", "S3Prefix " + prefix + " is not usable locally");
        }
        if (!format.equals("DYNAMODB_JSON")) {
            throw new Refused("ValidationException", "ExportFormat " + format + ": the local stack writes DYNAMODB_JSON only");
        }
        if (!type.equals("FULL_EXPORT")) {
            throw new Refused("ValidationException", "ExportType " + type
                    + ": the local store keeps no change history, so only FULL_EXPORT is available locally");
        }
        if (body.hasNonNull("ExportTime")) {
            throw new Refused("ValidationException", "ExportTime: the local store has no point-in-time history;"
                    + " leave it out to export the table as it is now");
        }
        String token = text(body, "ClientToken", false);
        if (token != null && byClientToken.containsKey(token)) {
            return describe(byClientToken.get(token));
        }
        int slash = tableArn.indexOf(":table/");
        if (slash < 0) {
            throw new Refused("ValidationException", "TableArn " + tableArn + " is not a table ARN");
        }
        String tableName = tableArn.substring(slash + ":table/".length());
        StoreClient.Answer described = store.call("DescribeTable", JSON.createObjectNode().put("TableName", tableName));
        if (!described.ok()) {
            throw new Refused("TableNotFoundException", "Table not found: " + tableArn);
        }
        JsonNode table = described.json().path("Table");
        Instant startTime = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String exportId = String.format("%014d-%08x", startTime.toEpochMilli(), RANDOM.nextInt());
        String exportArn = table.path("TableArn").asText(tableArn) + "/export/" + exportId;
        String keyPrefix = (prefix == null || prefix.isEmpty() ? "" : prefix + "/") + "AWSDynamoDB/" + exportId + "/";
        ObjectNode description = JSON.createObjectNode();
        description.put("ExportArn", exportArn).put("ExportStatus", "IN_PROGRESS")
                .put("StartTime", seconds(startTime)).put("TableArn", table.path("TableArn").asText(tableArn))
                .put("TableId", table.hasNonNull("TableId") ? table.get("TableId").asText()
                        : UUID.nameUUIDFromBytes(tableArn.getBytes(StandardCharsets.UTF_8)).toString())
                .put("ExportTime", seconds(startTime)).put("S3Bucket", bucket)
                .put("S3SseAlgorithm", body.path("S3SseAlgorithm").asText("AES256"))
                .put("ExportFormat", "DYNAMODB_JSON").put("ExportType", "FULL_EXPORT");
        if (prefix != null) {
            description.put("S3Prefix", prefix);
        }
        if (token != null) {
            description.put("ClientToken", token);
            byClientToken.put(token, exportArn);
        }
        running.put(exportArn, description);
        Thread worker = new Thread(() -> run(description, tableName, keyPrefix,
                table.path("TableSizeBytes").asLong(0)), "export-" + exportId);
        worker.setDaemon(true);
        worker.start();
        return description.deepCopy();
    }

    private void run(ObjectNode description, String tableName, String keyPrefix, long tableSize) {
        String bucket = description.get("S3Bucket").asText();
        Path directory = s3Root.resolve(bucket).resolve(keyPrefix);
        ObjectNode finished = description.deepCopy();
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.write(directory.resolve("_started"), new byte[0]);
            List<DataFile> files = writeData(tableName, directory, keyPrefix);
            long items = files.stream().mapToLong(DataFile::itemCount).sum();
            Instant end = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            StringBuilder manifest = new StringBuilder();
            for (DataFile file : files) {
                manifest.append(JSON.createObjectNode().put("itemCount", file.itemCount())
                        .put("md5Checksum", Base64.getEncoder().encodeToString(file.md5()))
                        .put("etag", HexFormat.of().formatHex(md5().digest(file.md5())) + "-1")
                        .put("dataFileS3Key", file.key()).toString()).append('\n');
            }
            writeWithChecksum(directory, "manifest-files", manifest.toString());
            ObjectNode summary = JSON.createObjectNode();
            summary.put("version", "2020-06-30").put("exportArn", description.get("ExportArn").asText())
                    .put("startTime", instant(description.get("StartTime")).toString()).put("endTime", end.toString())
                    .put("tableArn", description.get("TableArn").asText())
                    .put("tableId", description.get("TableId").asText())
                    .put("exportTime", instant(description.get("ExportTime")).toString()).put("s3Bucket", bucket);
            if (description.hasNonNull("S3Prefix")) {
                summary.put("s3Prefix", description.get("S3Prefix").asText());
            } else {
                summary.putNull("s3Prefix");
            }
            summary.put("s3SseAlgorithm", description.get("S3SseAlgorithm").asText()).putNull("s3SseKmsKeyId")
                    .put("manifestFilesS3Key", keyPrefix + "manifest-files.json").put("billedSizeBytes", tableSize)
                    .put("itemCount", items).put("outputFormat", "DYNAMODB_JSON").put("exportType", "FULL_EXPORT");
            writeWithChecksum(directory, "manifest-summary", summary + "\n");
            finished.put("ExportStatus", "COMPLETED").put("EndTime", seconds(end)).put("ItemCount", items)
                    .put("BilledSizeBytes", tableSize).put("ExportManifest", keyPrefix + "manifest-summary.json");
        } catch (IOException | RuntimeException e) {
            finished.put("ExportStatus", "FAILED").put("EndTime", seconds(clock.instant()))
                    .put("FailureCode", "LocalExportFailed").put("FailureMessage", String.valueOf(e.getMessage()));
            System.out.println("{\"time\":\"" + Instant.now() + "\",\"level\":\"ERROR\",\"component\":\"dynamodb-export\","
                    + "\"exportArn\":\"" + EmbeddedDynamoDb.jsonEscape(description.get("ExportArn").asText())
                    + "\",\"error\":\"" + EmbeddedDynamoDb.jsonEscape(String.valueOf(e.getMessage())) + "\"}");
        }
        running.put(description.get("ExportArn").asText(), finished);
    }

    private record DataFile(String key, long itemCount, byte[] md5) {
    }

    private List<DataFile> writeData(String table, Path directory, String keyPrefix) throws IOException {
        List<DataFile> files = new ArrayList<>();
        DataWriter current = null;
        JsonNode startKey = null;
        do {
            ObjectNode scan = JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
            if (startKey != null) {
                scan.set("ExclusiveStartKey", startKey);
            }
            JsonNode page = store.require("Scan", scan);
            for (JsonNode item : page.path("Items")) {
                if (current == null) {
                    current = new DataWriter(directory, keyPrefix);
                }
                current.write("{\"Item\":" + JSON.writeValueAsString(item) + "}");
                if (current.items == itemsPerFile) {
                    files.add(current.close());
                    current = null;
                }
            }
            startKey = page.hasNonNull("LastEvaluatedKey") && !page.get("LastEvaluatedKey").isEmpty()
                    ? page.get("LastEvaluatedKey") : null;
        } while (startKey != null);
        if (current != null || files.isEmpty()) {
            // an empty table still gets its one empty file, as an empty partition does on AWS
            files.add((current != null ? current : new DataWriter(directory, keyPrefix)).close());
        }
        return files;
    }

    /** One gzip data file; the MD5 is of the compressed bytes, the object S3 would store. */
    private static final class DataWriter {
        private final String key;
        private final MessageDigest md5 = md5();
        private final Writer out;
        private long items;

        DataWriter(Path directory, String keyPrefix) throws IOException {
            StringBuilder name = new StringBuilder(26);
            for (int i = 0; i < 26; i++) {
                name.append(BASE32[RANDOM.nextInt(BASE32.length)]);
            }
            name.append(".json.gz");
            this.key = keyPrefix + "data/" + name;
            OutputStream file = Files.newOutputStream(directory.resolve("data").resolve(name.toString()));
            this.out = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(new DigestOutputStream(file, md5)), StandardCharsets.UTF_8));
        }

        void write(String line) throws IOException {
            out.write(line);
            out.write('\n');
            items++;
        }

        DataFile close() throws IOException {
            out.close();
            return new DataFile(key, items, md5.digest());
        }
    }

    private ObjectNode describe(String exportArn) {
        ObjectNode known = running.get(exportArn);
        if (known != null) {
            return known.deepCopy();
        }
        return onDisk().stream().filter(d -> d.get("ExportArn").asText().equals(exportArn)).findFirst()
                .orElseThrow(() -> new Refused("ExportNotFoundException", "Export not found: " + exportArn));
    }

    private ObjectNode list(JsonNode body) {
        String tableArn = text(body, "TableArn", false);
        int max = body.path("MaxResults").asInt(25);
        if (max < 1 || max > 25) {
            throw new Refused("ValidationException", "MaxResults must be from 1 to 25");
        }
        Map<String, ObjectNode> all = new ConcurrentHashMap<>();
        for (ObjectNode d : onDisk()) {
            all.put(d.get("ExportArn").asText(), d);
        }
        all.putAll(running);
        List<ObjectNode> matching = all.values().stream()
                .filter(d -> tableArn == null || d.get("TableArn").asText().equals(tableArn))
                .sorted(Comparator.comparing(d -> d.get("ExportArn").asText())).toList();
        int from = 0;
        String next = text(body, "NextToken", false);
        if (next != null) {
            from = matching.stream().map(d -> d.get("ExportArn").asText()).toList().indexOf(next);
            if (from < 0) {
                throw new Refused("ValidationException", "NextToken is not one this endpoint gave");
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode summaries = answer.putArray("ExportSummaries");
        for (ObjectNode d : matching.subList(from, Math.min(matching.size(), from + max))) {
            summaries.addObject().put("ExportArn", d.get("ExportArn").asText())
                    .put("ExportStatus", d.get("ExportStatus").asText()).put("ExportType", d.get("ExportType").asText());
        }
        if (from + max < matching.size()) {
            answer.put("NextToken", matching.get(from + max).get("ExportArn").asText());
        }
        return answer;
    }

    /** The completed exports under the S3 folder, from their manifest summaries (a restart keeps them). */
    private List<ObjectNode> onDisk() {
        List<ObjectNode> found = new ArrayList<>();
        if (!Files.isDirectory(s3Root)) {
            return found;
        }
        try (Stream<Path> summaries = Files.find(s3Root, 12, (p, a) -> p.endsWith("manifest-summary.json")
                && p.getParent().getParent() != null
                && p.getParent().getParent().getFileName().toString().equals("AWSDynamoDB"))) {
            for (Path file : summaries.toList()) {
                JsonNode s = JSON.readTree(file.toFile());
                ObjectNode d = JSON.createObjectNode();
                d.put("ExportArn", s.path("exportArn").asText()).put("ExportStatus", "COMPLETED")
                        .put("StartTime", seconds(Instant.parse(s.path("startTime").asText())))
                        .put("EndTime", seconds(Instant.parse(s.path("endTime").asText())))
                        .put("ExportManifest", s.path("manifestFilesS3Key").asText()
                                .replace("manifest-files.json", "manifest-summary.json"))
                        .put("TableArn", s.path("tableArn").asText()).put("TableId", s.path("tableId").asText())
                        .put("ExportTime", seconds(Instant.parse(s.path("exportTime").asText())))
                        .put("S3Bucket", s.path("s3Bucket").asText())
                        .put("S3SseAlgorithm", s.path("s3SseAlgorithm").asText())
                        .put("ItemCount", s.path("itemCount").asLong())
                        .put("BilledSizeBytes", s.path("billedSizeBytes").asLong())
                        .put("ExportFormat", s.path("outputFormat").asText())
                        .put("ExportType", s.path("exportType").asText());
                if (s.hasNonNull("s3Prefix")) {
                    d.put("S3Prefix", s.get("s3Prefix").asText());
                }
                found.add(d);
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("InternalServerError", "cannot read the local exports under " + s3Root + ": "
                    + e.getMessage());
        }
        return found;
    }

    private static void writeWithChecksum(Path directory, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(name + ".json"), bytes);
        Files.writeString(directory.resolve(name + ".checksum"), HexFormat.of().formatHex(md5().digest(bytes)));
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Refused("ValidationException", "1 validation error detected: Value null at '"
                        + Character.toLowerCase(field.charAt(0)) + field.substring(1)
                        + "' failed to satisfy constraint: Member must not be null");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new Refused("SerializationException", field + " must be a string");
        }
        return value.asText();
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static Instant instant(JsonNode seconds) {
        return Instant.ofEpochMilli(Math.round(seconds.asDouble() * 1000));
    }

    private static HttpResponse ok(JsonNode body) {
        return HttpResponse.of(200, "application/x-amz-json-1.0", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    /** A request DynamoDB would refuse: its error type and message. */
    private static final class Refused extends RuntimeException {
        private final String type;

        Refused(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }
}
