package dev.ordersprofiles.domain.order;

import java.time.Instant;
import java.util.Objects;

/** One entry of an order's history: the status it moved to and when. {@code reason} is set on FAILED only, else null. */
public record StatusChange(OrderStatus status, Instant at, String reason) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if ((status == OrderStatus.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("a reason is given for FAILED and only for FAILED");
        }
    }

    public static StatusChange to(OrderStatus status, Instant at) {
        return new StatusChange(status, at, null);
    }
}
