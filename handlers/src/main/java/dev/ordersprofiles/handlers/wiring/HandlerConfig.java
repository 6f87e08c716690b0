package dev.ordersprofiles.handlers.wiring;

import dev.ordersprofiles.adapters.aws.client.AwsService;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the handlers learn from their environment, read once at init (adapters never read the environment).
 * Names and defaults are the template's (docs/architecture.md §7). A function runs on the AWS adapters unless
 * {@code ORDERS_PROFILES_ADAPTERS=in-memory} says otherwise (local runs and tests only); on the AWS adapters a
 * missing table or region fails the init ({@link #requireComplete()}), so a misconfigured deploy never writes
 * into a per-container memory.
 */
public record HandlerConfig(
        Adapters adapters,
        Optional<String> ordersTable,
        Optional<String> profilesTable,
        Optional<String> idempotencyTable,
        Optional<String> stateMachineArn,
        Optional<URI> dynamodbEndpoint,
        Optional<URI> stepFunctionsEndpoint,
        Optional<String> awsRegion,
        Duration pendingOrderTimeout,
        Duration orderRetention,
        int pendingIndexShards,
        Duration orderStuckAfter,
        String simStock,
        String simDeclineAbove,
        String metricsNamespace,
        Optional<String> corsAllowOrigin) {

    public static final String DEFAULT_DECLINE_ABOVE = "5000.00";
    public static final String DEFAULT_NAMESPACE = "OrdersProfiles";
    /** The switch that chooses the adapters; {@code aws} (the default) or {@code in-memory}. */
    public static final String ADAPTERS_VARIABLE = "ORDERS_PROFILES_ADAPTERS";

    /** Which driven adapters the component wires. */
    public enum Adapters {
        /** DynamoDB tables and the Step Functions state machine: what a deployed function uses. */
        AWS("aws"),
        /** In-memory stores and the in-process workflow: local runs and tests, chosen explicitly. */
        IN_MEMORY("in-memory");

        private final String value;

        Adapters(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public HandlerConfig {
        if (pendingOrderTimeout.isNegative() || pendingOrderTimeout.isZero()) {
            throw new IllegalArgumentException("PENDING_ORDER_TIMEOUT_SECONDS must be positive");
        }
        if (orderRetention.isNegative() || orderRetention.isZero()) {
            throw new IllegalArgumentException("ORDER_RETENTION_DAYS must be positive");
        }
        if (orderStuckAfter.isNegative() || orderStuckAfter.isZero()) {
            throw new IllegalArgumentException("ORDER_STUCK_AFTER_SECONDS must be positive");
        }
        if (pendingIndexShards < 1) {
            throw new IllegalArgumentException("PENDING_INDEX_SHARDS must be at least 1");
        }
    }

    /** Reads the process environment. */
    public static HandlerConfig fromEnv() {
        return from(System.getenv());
    }

    /**
     * Reads the given variables; blank values count as absent. Malformed values fail here, naming the variable;
     * missing ones only in {@link #requireComplete()} (the local stack reads its functions' settings with this
     * and brings its own ports).
     */
    public static HandlerConfig from(Map<String, String> env) {
        AwsService.requireSupportedVariant(env);
        return new HandlerConfig(
                adapters(env),
                opt(env, "ORDERS_TABLE"),
                opt(env, "PROFILES_TABLE"),
                opt(env, "IDEMPOTENCY_TABLE"),
                opt(env, "STATE_MACHINE_ARN"),
                AwsService.DYNAMODB.configuredEndpoint(env),
                AwsService.STEP_FUNCTIONS.configuredEndpoint(env),
                opt(env, "AWS_REGION"),
                Duration.ofSeconds(number(env, "PENDING_ORDER_TIMEOUT_SECONDS", 900)),
                Duration.ofDays(number(env, "ORDER_RETENTION_DAYS", 30)),
                (int) number(env, "PENDING_INDEX_SHARDS", 8),
                Duration.ofSeconds(number(env, "ORDER_STUCK_AFTER_SECONDS", 3600)),
                opt(env, "SIM_STOCK").orElse(""),
                opt(env, "SIM_DECLINE_ABOVE").orElse(DEFAULT_DECLINE_ABOVE),
                opt(env, "METRICS_NAMESPACE").orElse(DEFAULT_NAMESPACE),
                opt(env, "CORS_ALLOW_ORIGIN"));
    }

    /** The in-memory configuration with every default (tests, benchmarks). */
    public static HandlerConfig inMemory() {
        return from(Map.of(ADAPTERS_VARIABLE, Adapters.IN_MEMORY.value()));
    }

    /** Whether the DynamoDB and Step Functions adapters are wired (the default). */
    public boolean usesAws() {
        return adapters == Adapters.AWS;
    }

    /**
     * This configuration, after checking that the AWS adapters have what they need: AWS_REGION and the three
     * table names (STATE_MACHINE_ARN is checked where the workflow is built, by the one function that starts it).
     *
     * @throws IllegalStateException naming the first missing variable
     */
    public HandlerConfig requireComplete() {
        if (!usesAws()) {
            return this;
        }
        require(ordersTable, "ORDERS_TABLE");
        require(profilesTable, "PROFILES_TABLE");
        require(idempotencyTable, "IDEMPOTENCY_TABLE");
        require(awsRegion, "AWS_REGION");
        return this;
    }

    /** The state machine's ARN, required once the AWS workflow is wired. */
    public String requireStateMachineArn() {
        return require(stateMachineArn, "STATE_MACHINE_ARN");
    }

    static String require(Optional<String> value, String name) {
        return value.orElseThrow(() -> new IllegalStateException(name + " is not set: a deployed function needs it"
                + " (" + ADAPTERS_VARIABLE + "=" + Adapters.IN_MEMORY.value()
                + " chooses the in-memory adapters, for local runs and tests only)"));
    }

    private static Adapters adapters(Map<String, String> env) {
        String value = opt(env, ADAPTERS_VARIABLE).orElse(Adapters.AWS.value()).toLowerCase(Locale.ROOT);
        for (Adapters candidate : Adapters.values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(ADAPTERS_VARIABLE + " must be 'aws' or 'in-memory', not '" + value + "'");
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
