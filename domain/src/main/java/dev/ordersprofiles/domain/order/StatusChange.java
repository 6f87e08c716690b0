package dev.ordersprofiles.domain.order;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an order's history: the status it moved to and when. {@code reason} is set on FAILED (why it failed)
 * and on COMPENSATING (what happened: {@link Order#COMPENSATION_BEGUN}, {@link Order#REFUNDED} or
 * {@link Order#RELEASED}) only, else null.
 */
public record StatusChange(OrderStatus status, Instant at, String reason) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        boolean wantsReason = status == OrderStatus.FAILED || status == OrderStatus.COMPENSATING;
        if (wantsReason != (reason != null)) {
            throw new IllegalArgumentException("a reason is given for FAILED and COMPENSATING and only for those");
        }
    }

    public static StatusChange to(OrderStatus status, Instant at) {
        return new StatusChange(status, at, null);
    }
}
