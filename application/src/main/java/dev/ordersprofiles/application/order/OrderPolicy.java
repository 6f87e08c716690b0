package dev.ordersprofiles.application.order;

import java.time.Duration;
import java.util.Objects;

/**
 * Time rules for orders: how long an order may stay PENDING before the reconciler expires it, how long an
 * Idempotency-Key is remembered, and how long an order in flight may go without moving before the reconciler calls
 * it stuck. The stuck-after time must exceed the longest a healthy workflow run can take between two steps, retries
 * included (sam/statemachine/place-order.asl.json), or the reconciler compensates runs that would have finished.
 */
public record OrderPolicy(Duration pendingTimeout, Duration idempotencyWindow, Duration stuckAfter) {
    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofHours(1);
    public static final OrderPolicy DEFAULT =
            new OrderPolicy(Duration.ofMinutes(15), Duration.ofHours(24), DEFAULT_STUCK_AFTER);

    public OrderPolicy {
        Objects.requireNonNull(pendingTimeout, "pendingTimeout");
        Objects.requireNonNull(idempotencyWindow, "idempotencyWindow");
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (pendingTimeout.isNegative() || pendingTimeout.isZero() || idempotencyWindow.isNegative()
                || idempotencyWindow.isZero() || stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("order time rules must be positive");
        }
    }

    /** The default stuck-after time. */
    public OrderPolicy(Duration pendingTimeout, Duration idempotencyWindow) {
        this(pendingTimeout, idempotencyWindow, DEFAULT_STUCK_AFTER);
    }
}
