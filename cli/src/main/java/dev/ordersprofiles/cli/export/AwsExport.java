package dev.ordersprofiles.cli.export;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.ExportViewType;
import software.amazon.awssdk.services.dynamodb.model.IncrementalExportSpecification;

/**
 * ExportTableToPointInTime for a table of the deployed stack: the table's ARN ({@code <Name>TableArn}) and the export
 * bucket ({@code ExportBucketName}) come from the stack's outputs (sam/template.yaml), the export is followed with
 * DescribeExport until it leaves IN_PROGRESS. {@link #exportTo} does the same for any table ARN and bucket, e.g.
 * against the local stack's DynamoDB API, which answers the export operations too.
 */
public final class AwsExport {
    /** How often DescribeExport is polled; exports take minutes, DescribeExport allows 5 calls a second. */
    static final Duration POLL = Duration.ofSeconds(15);

    private final CloudFormationClient cloudFormation;
    private final DynamoDbClient dynamo;
    private final Sleeper sleeper;
    private final Duration poll;

    /** Waits between polls; tests pass one that does not. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public AwsExport(CloudFormationClient cloudFormation, DynamoDbClient dynamo, Sleeper sleeper) {
        this(cloudFormation, dynamo, sleeper, POLL);
    }

    /** @param cloudFormation null when only {@link #exportTo} is used */
    public AwsExport(CloudFormationClient cloudFormation, DynamoDbClient dynamo, Sleeper sleeper, Duration poll) {
        this.cloudFormation = cloudFormation;
        this.dynamo = dynamo;
        this.sleeper = sleeper;
        this.poll = poll;
    }

    /** The incremental window, both ends required by DynamoDB (at most 24 hours apart, after PITR was enabled). */
    public record Window(Instant from, Instant to) {
    }

    /** The finished export: where its manifest summary landed. */
    public record Result(String exportArn, String s3Url, long itemCount) {
    }

    public Result export(String stackName, String table, Optional<Window> incremental, PrintWriter progress)
            throws InterruptedException {
        Map<String, String> outputs = outputs(stackName);
        String tableArn = required(outputs, tableArnOutput(table), stackName);
        String bucket = required(outputs, "ExportBucketName", stackName);
        return exportTo(tableArn, bucket, "exports/" + table, incremental, progress, table);
    }

    /**
     * Exports {@code tableArn} to {@code s3://bucket/prefix/} and follows it to the end.
     *
     * @param glueTable for a full export, the Glue table to point at it (the ALTER TABLE line); null: no such line
     */
    public Result exportTo(String tableArn, String bucket, String prefix, Optional<Window> incremental,
                           PrintWriter progress, String glueTable) throws InterruptedException {
        ExportTableToPointInTimeRequest.Builder request = ExportTableToPointInTimeRequest.builder()
                .tableArn(tableArn).s3Bucket(bucket).s3Prefix(prefix).exportFormat(ExportFormat.DYNAMODB_JSON);
        if (incremental.isPresent()) {
            request.exportType(ExportType.INCREMENTAL_EXPORT).incrementalExportSpecification(
                    IncrementalExportSpecification.builder()
                            .exportFromTime(incremental.get().from()).exportToTime(incremental.get().to())
                            .exportViewType(ExportViewType.NEW_AND_OLD_IMAGES).build());
        } else {
            request.exportType(ExportType.FULL_EXPORT);
        }
        ExportDescription export = dynamo.exportTableToPointInTime(request.build()).exportDescription();
        progress.println("export " + export.exportArn() + ": " + export.exportStatusAsString());
        progress.flush();
        while (export.exportStatus() == ExportStatus.IN_PROGRESS) {
            sleeper.sleep(poll);
            String arn = export.exportArn();
            export = dynamo.describeExport(b -> b.exportArn(arn)).exportDescription();
            progress.println("  " + export.exportStatusAsString()
                    + (export.itemCount() != null ? ", " + export.itemCount() + " item(s)" : ""));
            progress.flush();
        }
        if (export.exportStatus() != ExportStatus.COMPLETED) {
            throw new IllegalStateException("export " + export.exportArn() + " " + export.exportStatusAsString()
                    + ": " + export.failureCode() + " " + export.failureMessage());
        }
        String manifest = "s3://" + bucket + "/" + export.exportManifest();
        String data = manifest.substring(0, manifest.lastIndexOf('/') + 1) + "data/";
        progress.println("COMPLETED: " + export.itemCount() + " item(s); manifest " + manifest);
        progress.flush();
        if (incremental.isEmpty() && glueTable != null) {
            // The Glue table (sam/template.yaml ExportsOrdersTable) reads one export's data folder, as AWS's
            // Athena guide lays it out; point it at the new one.
            progress.println("in Athena: ALTER TABLE " + glueTable + " SET LOCATION '" + data + "'");
            progress.flush();
        }
        return new Result(export.exportArn(), manifest, export.itemCount() == null ? 0 : export.itemCount());
    }

    /** {@code orders} -> {@code OrdersTableArn}, the output the template declares for each table. */
    static String tableArnOutput(String table) {
        StringBuilder name = new StringBuilder();
        for (String part : table.split("[-_]")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return name + "TableArn";
    }

    private Map<String, String> outputs(String stackName) {
        Stack stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private static String required(Map<String, String> outputs, String key, String stackName) {
        String value = outputs.get(key);
        if (value == null) {
            throw new IllegalArgumentException("stack " + stackName + " has no output " + key + " (outputs: "
                    + String.join(", ", outputs.keySet()) + ")");
        }
        return value;
    }
}
