package dev.ordersprofiles.handlers.wiring;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the handlers learn from their environment, read once at init (adapters never read the environment).
 * Names and defaults are the template's (docs/architecture.md §7). Without {@code ORDERS_TABLE} the in-memory
 * adapters are used.
 */
public record HandlerConfig(
        Optional<String> ordersTable,
        Optional<String> profilesTable,
        Optional<String> idempotencyTable,
        Optional<String> stateMachineArn,
        Optional<String> dynamodbEndpoint,
        Optional<String> awsRegion,
        Duration pendingOrderTimeout,
        Duration orderRetention,
        int pendingIndexShards,
        String simStock,
        String simDeclineAbove,
        String metricsNamespace) {

    public static final String DEFAULT_DECLINE_ABOVE = "5000.00";
    public static final String DEFAULT_NAMESPACE = "OrdersProfiles";

    public HandlerConfig {
        if (pendingOrderTimeout.isNegative() || pendingOrderTimeout.isZero()) {
            throw new IllegalArgumentException("PENDING_ORDER_TIMEOUT_SECONDS must be positive");
        }
        if (orderRetention.isNegative() || orderRetention.isZero()) {
            throw new IllegalArgumentException("ORDER_RETENTION_DAYS must be positive");
        }
        if (pendingIndexShards < 1) {
            throw new IllegalArgumentException("PENDING_INDEX_SHARDS must be at least 1");
        }
    }

    /** Reads the process environment. */
    public static HandlerConfig fromEnv() {
        return from(System.getenv());
    }

    /** Reads the given variables; blank values count as absent. */
    public static HandlerConfig from(Map<String, String> env) {
        return new HandlerConfig(
                opt(env, "ORDERS_TABLE"),
                opt(env, "PROFILES_TABLE"),
                opt(env, "IDEMPOTENCY_TABLE"),
                opt(env, "STATE_MACHINE_ARN"),
                opt(env, "DYNAMODB_ENDPOINT"),
                opt(env, "AWS_REGION"),
                Duration.ofSeconds(number(env, "PENDING_ORDER_TIMEOUT_SECONDS", 900)),
                Duration.ofDays(number(env, "ORDER_RETENTION_DAYS", 30)),
                (int) number(env, "PENDING_INDEX_SHARDS", 8),
                opt(env, "SIM_STOCK").orElse(""),
                opt(env, "SIM_DECLINE_ABOVE").orElse(DEFAULT_DECLINE_ABOVE),
                opt(env, "METRICS_NAMESPACE").orElse(DEFAULT_NAMESPACE));
    }

    /** Whether the DynamoDB adapters are asked for (ORDERS_TABLE is set). */
    public boolean usesDynamoDb() {
        return ordersTable.isPresent();
    }

    private static Optional<String> opt(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        Optional<String> raw = opt(env, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + raw.get() + "'");
        }
    }
}
