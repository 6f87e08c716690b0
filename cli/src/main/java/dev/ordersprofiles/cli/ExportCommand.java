package dev.ordersprofiles.cli;

import dev.ordersprofiles.cli.export.AwsExport;
import dev.ordersprofiles.cli.export.LocalExport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports a table of the stack to S3 from PITR (ExportTableToPointInTime) and waits for it.",
                "With --local, asks the local stack (or --endpoint) for the same export, which it writes in DynamoDB's "
                        + "layout into its <data-dir>/s3/<bucket>/exports/<table>/AWSDynamoDB/<id>/; a DynamoDB API "
                        + "without exports (a bare dynalite) is scanned and the layout written under --data-dir."})
final class ExportCommand implements Callable<Integer> {
    /** The local stack's documented credentials (README "The local stack"). */
    static final String LOCAL_KEY = "local";
    /** DescribeExport polling against the local stack, whose exports take milliseconds. */
    static final Duration LOCAL_POLL = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, description = "the template's table: orders, profiles, idempotency")
    String table;

    @Option(names = "--stack", defaultValue = "orders-profiles", description = "stack name (default ${DEFAULT-VALUE})")
    String stack;

    @Option(names = "--incremental", description = "an INCREMENTAL_EXPORT of the changes between --from and --to")
    boolean incremental;

    @Option(names = "--from", description = "start of the incremental window, ISO-8601 (e.g. 2026-12-01T00:00:00Z)")
    String from;

    @Option(names = "--to", description = "end of the incremental window, ISO-8601")
    String to;

    @Option(names = "--region", description = "AWS region (default: the SDK's chain: AWS_REGION, profile)")
    String region;

    @Option(names = "--local", description = "export from the local stack into a local folder")
    boolean local;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:3000",
            description = "with --local: the DynamoDB API to scan (default ${DEFAULT-VALUE}, the local stack)")
    URI endpoint;

    @Option(names = "--data-dir", defaultValue = ".local-data",
            description = "with --local: the local stack's data folder (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--bucket", defaultValue = "exports",
            description = "with --local: the folder under <data-dir>/s3 standing in for the bucket (default ${DEFAULT-VALUE})")
    String bucket;

    @Override
    public Integer call() throws Exception {
        if (!table.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("--table " + table + " is not a DynamoDB table name");
        }
        if (local) {
            if (incremental) {
                throw new IllegalArgumentException("--incremental needs DynamoDB's change history, which a local "
                        + "export (a Scan) does not have: export --local writes full exports only");
            }
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("--bucket " + bucket + " is not an S3 bucket name");
            }
            try (DynamoDbClient dynamo = DynamoDbClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region != null ? region : "us-east-1"))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LOCAL_KEY, LOCAL_KEY)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                PrintWriter out = spec.commandLine().getOut();
                String tableArn = dynamo.describeTable(b -> b.tableName(table)).table().tableArn();
                try {
                    // the local stack answers the export API itself, writing into its own <data-dir>/s3
                    AwsExport.Result result = new AwsExport(null, dynamo, d -> Thread.sleep(d.toMillis()),
                            LOCAL_POLL).exportTo(tableArn, bucket, "exports/" + table, Optional.empty(), out, null);
                    out.println(result.s3Url());
                } catch (DynamoDbException e) {
                    if (e.awsErrorDetails() == null || !"UnknownOperationException".equals(e.awsErrorDetails().errorCode())) {
                        throw e;
                    }
                    // a DynamoDB API without exports (e.g. a bare dynalite): the same layout from a Scan, here
                    out.println("the endpoint has no ExportTableToPointInTime: scanning the table instead");
                    LocalExport.Result result = new LocalExport(dynamo, dataDir.resolve("s3"), Clock.systemUTC())
                            .export(table, bucket, "exports/" + table, out);
                    out.println(result.manifestSummary());
                }
            }
            return 0;
        }
        Optional<AwsExport.Window> window = window();
        try (CloudFormationClient cloudFormation = aws(CloudFormationClient.builder()
                .httpClient(UrlConnectionHttpClient.create())).build();
             DynamoDbClient dynamo = aws(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())).build()) {
            AwsExport.Result result = new AwsExport(cloudFormation, dynamo, d -> Thread.sleep(d.toMillis()))
                    .export(stack, table, window, spec.commandLine().getOut());
            spec.commandLine().getOut().println(result.s3Url());
        }
        return 0;
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B aws(B builder) {
        return region != null ? builder.region(Region.of(region)) : builder;
    }

    private Optional<AwsExport.Window> window() {
        if (!incremental) {
            if (from != null || to != null) {
                throw new IllegalArgumentException("--from and --to belong to --incremental");
            }
            return Optional.empty();
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("--incremental needs both --from and --to");
        }
        Instant start = instant("--from", from);
        Instant end = instant("--to", to);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        return Optional.of(new AwsExport.Window(start, end));
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + value + " is not an ISO-8601 instant (e.g. 2026-12-01T00:00:00Z)");
        }
    }
}
