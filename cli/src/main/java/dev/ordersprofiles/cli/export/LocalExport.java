package dev.ordersprofiles.cli.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A full export written as DynamoDB writes one to S3, into a folder standing in for the bucket:
 * {@code <bucket>/<prefix>/AWSDynamoDB/<export-id>/} with {@code _started}, {@code data/<name>.json.gz} (one
 * {@code {"Item":{...}}} per line, DynamoDB JSON), {@code manifest-files.json} (JSON lines: itemCount, md5Checksum =
 * base64 MD5 of the object, etag = the S3 ETag of a one-part multipart upload, dataFileS3Key),
 * {@code manifest-summary.json} and a {@code .checksum} next to each manifest (its MD5 in hex: AWS's guide names the
 * files without describing their content). The items come from a consistent Scan of any DynamoDB API endpoint, so a
 * local export is a snapshot of "now" rather than of a PITR instant.
 */
public final class LocalExport {
    /** Items per data file; DynamoDB writes one or more files per partition, a local table has one partition. */
    static final int ITEMS_PER_FILE = 50_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final DynamoDbClient dynamo;
    private final Path s3Root;
    private final Clock clock;
    private final int itemsPerFile;

    /** {@code s3Root} holds one folder per bucket, e.g. {@code .local-data/s3}. */
    public LocalExport(DynamoDbClient dynamo, Path s3Root, Clock clock) {
        this(dynamo, s3Root, clock, ITEMS_PER_FILE);
    }

    LocalExport(DynamoDbClient dynamo, Path s3Root, Clock clock, int itemsPerFile) {
        this.dynamo = dynamo;
        this.s3Root = s3Root;
        this.clock = clock;
        this.itemsPerFile = itemsPerFile;
    }

    /** What an export wrote: its id and ARN, the summary manifest's path and the item count. */
    public record Result(String exportId, String exportArn, Path directory, String s3Url, long itemCount) {
        public Path manifestSummary() {
            return directory.resolve("manifest-summary.json");
        }
    }

    /** Exports {@code table} to {@code s3://bucket/prefix/AWSDynamoDB/<id>/}; progress lines go to {@code progress}. */
    public Result export(String table, String bucket, String prefix, PrintWriter progress) {
        TableDescription description = dynamo.describeTable(b -> b.tableName(table)).table();
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String exportId = ExportIds.exportId(start.toEpochMilli());
        String exportArn = description.tableArn() + "/export/" + exportId;
        String keyPrefix = (prefix.isEmpty() ? "" : prefix + "/") + "AWSDynamoDB/" + exportId + "/";
        Path directory = s3Root.resolve(bucket).resolve(keyPrefix);
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.write(directory.resolve("_started"), new byte[0]);
            progress.println("export " + exportId + " of " + table + ": IN_PROGRESS (scanning)");
            progress.flush();
            List<DataFile> files = writeData(table, directory, keyPrefix, progress);
            long items = files.stream().mapToLong(DataFile::itemCount).sum();
            Instant end = clock.instant().truncatedTo(ChronoUnit.MILLIS);

            StringBuilder filesManifest = new StringBuilder();
            for (DataFile file : files) {
                filesManifest.append(json(g -> {
                    g.writeNumberField("itemCount", file.itemCount());
                    g.writeStringField("md5Checksum", Base64.getEncoder().encodeToString(file.md5()));
                    g.writeStringField("etag", onePartEtag(file.md5()));
                    g.writeStringField("dataFileS3Key", file.key());
                })).append('\n');
            }
            writeWithChecksum(directory, "manifest-files", filesManifest.toString());

            String tableId = description.tableId() != null ? description.tableId()
                    : UUID.nameUUIDFromBytes(description.tableArn().getBytes(StandardCharsets.UTF_8)).toString();
            Long billed = description.tableSizeBytes();
            writeWithChecksum(directory, "manifest-summary", json(g -> {
                g.writeStringField("version", "2020-06-30");
                g.writeStringField("exportArn", exportArn);
                g.writeStringField("startTime", start.toString());
                g.writeStringField("endTime", end.toString());
                g.writeStringField("tableArn", description.tableArn());
                g.writeStringField("tableId", tableId);
                g.writeStringField("exportTime", start.toString());
                g.writeStringField("s3Bucket", bucket);
                if (prefix.isEmpty()) {
                    g.writeNullField("s3Prefix");
                } else {
                    g.writeStringField("s3Prefix", prefix);
                }
                g.writeStringField("s3SseAlgorithm", "AES256");
                g.writeNullField("s3SseKmsKeyId");
                g.writeStringField("manifestFilesS3Key", keyPrefix + "manifest-files.json");
                g.writeNumberField("billedSizeBytes", billed == null ? 0 : billed);
                g.writeNumberField("itemCount", items);
                g.writeStringField("outputFormat", "DYNAMODB_JSON");
                g.writeStringField("exportType", "FULL_EXPORT");
            }) + "\n");
            String s3Url = "s3://" + bucket + "/" + keyPrefix;
            progress.println("export " + exportId + ": COMPLETED, " + items + " item(s) in " + files.size()
                    + " file(s) at " + s3Url + " (" + directory + ")");
            return new Result(exportId, exportArn, directory, s3Url, items);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export under " + directory, e);
        }
    }

    private record DataFile(String key, long itemCount, byte[] md5) {
    }

    private List<DataFile> writeData(String table, Path directory, String keyPrefix, PrintWriter progress)
            throws IOException {
        List<DataFile> files = new ArrayList<>();
        DataWriter current = null;
        long scanned = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            ScanResponse page = dynamo.scan(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (current == null) {
                    current = new DataWriter(directory, keyPrefix);
                }
                current.write(DynamoJson.exportLine(item));
                if (current.items == itemsPerFile) {
                    files.add(current.close());
                    current = null;
                }
            }
            scanned += page.count();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (startKey != null) {
                progress.println("  " + scanned + " item(s) so far");
                progress.flush();
            }
        } while (startKey != null);
        if (current != null || files.isEmpty()) {
            // An empty table still gets its (empty) file, as an empty partition does on AWS.
            files.add((current != null ? current : new DataWriter(directory, keyPrefix)).close());
        }
        return files;
    }

    /** One gzip data file; the MD5 is of the compressed bytes, the object S3 stores. */
    private static final class DataWriter {
        private final String key;
        private final MessageDigest md5 = md5();
        private final Writer out;
        private long items;

        DataWriter(Path directory, String keyPrefix) throws IOException {
            String name = ExportIds.dataFileName();
            this.key = keyPrefix + "data/" + name;
            OutputStream file = Files.newOutputStream(directory.resolve("data").resolve(name));
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

    /** S3's ETag of a multipart upload: MD5 of the parts' MD5s, then "-" and the part count (here one part). */
    static String onePartEtag(byte[] md5OfTheObject) {
        return HexFormat.of().formatHex(md5().digest(md5OfTheObject)) + "-1";
    }

    private static void writeWithChecksum(Path directory, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(name + ".json"), bytes);
        Files.writeString(directory.resolve(name + ".checksum"), HexFormat.of().formatHex(md5().digest(bytes)));
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static String json(Fields fields) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }
}
