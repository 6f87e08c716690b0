package dev.ordersprofiles.application.order;

import java.time.Duration;
import java.util.Objects;

/**
 * Time rules for orders: how long an order may stay PENDING before the cleanup expires it, and how long an
 * Idempotency-Key is remembered.
 */
public record OrderPolicy(Duration pendingTimeout, Duration idempotencyWindow) {
    public static final OrderPolicy DEFAULT = new OrderPolicy(Duration.ofMinutes(15), Duration.ofHours(24));

    public OrderPolicy {
        Objects.requireNonNull(pendingTimeout, "pendingTimeout");
        Objects.requireNonNull(idempotencyWindow, "idempotencyWindow");
        if (pendingTimeout.isNegative() || pendingTimeout.isZero() || idempotencyWindow.isNegative()
                || idempotencyWindow.isZero()) {
            throw new IllegalArgumentException("order time rules must be positive");
        }
    }
}
