package dev.ordersprofiles.adapters.aws;

import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.adapters.aws.client.AwsService;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the AWS adapters need to know, read once from the function's environment (docs/architecture.md §7):
 * AWS_REGION, ORDERS_TABLE, PROFILES_TABLE, IDEMPOTENCY_TABLE, STATE_MACHINE_ARN (optional), the SDKs' endpoint
 * overrides AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SFN and AWS_ENDPOINT_URL (optional, e.g. dynalite; see
 * {@link AwsService#configuredEndpoint}), PENDING_INDEX_SHARDS (default 8), ORDER_RETENTION_DAYS (default 30),
 * ORDER_STUCK_AFTER_SECONDS (default 3600). PENDING_INDEX_SHARDS keeps its old name; it now shards the
 * inFlightByDue index, which holds every non-terminal order.
 */
public record AwsSettings(String region, TableNames tables, Optional<String> stateMachineArn,
                          Optional<URI> dynamoDbEndpoint, Optional<URI> stepFunctionsEndpoint,
                          int pendingIndexShards, Duration orderRetention, Duration orderStuckAfter) {
    public static final int DEFAULT_SHARDS = 8;
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int DEFAULT_STUCK_AFTER_SECONDS = 3600;

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(tables, "tables");
        stateMachineArn = stateMachineArn == null ? Optional.empty() : stateMachineArn;
        dynamoDbEndpoint = dynamoDbEndpoint == null ? Optional.empty() : dynamoDbEndpoint;
        stepFunctionsEndpoint = stepFunctionsEndpoint == null ? Optional.empty() : stepFunctionsEndpoint;
        Objects.requireNonNull(orderRetention, "orderRetention");
        Objects.requireNonNull(orderStuckAfter, "orderStuckAfter");
        if (region.isBlank()) {
            throw new IllegalArgumentException("AWS_REGION is empty");
        }
        if (pendingIndexShards < 1 || pendingIndexShards > 1000) {
            throw new IllegalArgumentException("PENDING_INDEX_SHARDS must be 1..1000, not " + pendingIndexShards);
        }
        if (orderRetention.isNegative() || orderRetention.isZero()) {
            throw new IllegalArgumentException("ORDER_RETENTION_DAYS must be positive");
        }
        if (orderStuckAfter.isNegative() || orderStuckAfter.isZero()) {
            throw new IllegalArgumentException("ORDER_STUCK_AFTER_SECONDS must be positive");
        }
    }

    /** Settings with the default stuck-after time. */
    public AwsSettings(String region, TableNames tables, Optional<String> stateMachineArn,
                       Optional<URI> dynamoDbEndpoint, Optional<URI> stepFunctionsEndpoint,
                       int pendingIndexShards, Duration orderRetention) {
        this(region, tables, stateMachineArn, dynamoDbEndpoint, stepFunctionsEndpoint, pendingIndexShards,
                orderRetention, Duration.ofSeconds(DEFAULT_STUCK_AFTER_SECONDS));
    }

    /** Whether {@code env} asks for the AWS adapters at all (ORDERS_TABLE is set). */
    public static boolean isConfigured(Map<String, String> env) {
        return present(env, "ORDERS_TABLE").isPresent();
    }

    /**
     * Reads the settings from environment variables (pass {@code System.getenv()}).
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static AwsSettings fromEnvironment(Map<String, String> env) {
        TableNames tables = new TableNames(required(env, "ORDERS_TABLE"), required(env, "PROFILES_TABLE"),
                required(env, "IDEMPOTENCY_TABLE"));
        return new AwsSettings(
                required(env, "AWS_REGION"),
                tables,
                present(env, "STATE_MACHINE_ARN"),
                AwsService.DYNAMODB.configuredEndpoint(env),
                AwsService.STEP_FUNCTIONS.configuredEndpoint(env),
                integer(env, "PENDING_INDEX_SHARDS", DEFAULT_SHARDS),
                Duration.ofDays(integer(env, "ORDER_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)),
                Duration.ofSeconds(integer(env, "ORDER_STUCK_AFTER_SECONDS", DEFAULT_STUCK_AFTER_SECONDS)));
    }

    private static Optional<String> present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String required(Map<String, String> env, String name) {
        return present(env, name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        Optional<String> value = present(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number");
        }
    }
}
