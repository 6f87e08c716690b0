package dev.ordersprofiles.adapters.aws.dynamodb;

import java.util.Objects;

/** The physical names of the three tables (ORDERS_TABLE, PROFILES_TABLE, IDEMPOTENCY_TABLE). */
public record TableNames(String orders, String profiles, String idempotency) {
    public TableNames {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(idempotency, "idempotency");
    }

    /** Names with a common prefix, e.g. {@code test-42-orders}, for tests and local stacks. */
    public static TableNames prefixed(String prefix) {
        return new TableNames(prefix + "orders", prefix + "profiles", prefix + "idempotency");
    }
}
