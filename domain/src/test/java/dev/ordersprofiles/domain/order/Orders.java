package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data for orders. */
final class Orders {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final Duration PENDING_FOR = Duration.ofMinutes(15);

    private Orders() {
    }

    static Order pending() {
        return Order.place(OrderId.of(UUID.randomUUID()), UserId.of("user-1"), Money.of("42.50"),
                List.of(LineItem.of("A-1", 2)), T0, PENDING_FOR);
    }

    /** An order moved along the happy path until it has {@code status}; EXPIRED and FAILED are reached from PENDING. */
    static Order in(OrderStatus status) {
        Order o = pending();
        Instant t = T0.plusSeconds(1);
        return switch (status) {
            case PENDING -> o;
            case VALIDATED -> o.validate(t);
            case RESERVED -> o.validate(t).reserve(t);
            case CHARGED -> o.validate(t).reserve(t).charge(t);
            case COMPENSATING -> o.validate(t).reserve(t).charge(t).refund(t);
            case CONFIRMED -> o.validate(t).reserve(t).charge(t).confirm(t);
            case EXPIRED -> o.expire(T0.plus(PENDING_FOR));
            case FAILED -> o.fail("test", t);
        };
    }

    static Order move(Order o, OrderStatus to, Instant at) {
        return switch (to) {
            case PENDING -> throw new IllegalStatusChange(o.id(), o.status(), to);
            case VALIDATED -> o.validate(at);
            case RESERVED -> o.reserve(at);
            case CHARGED -> o.charge(at);
            case CONFIRMED -> o.confirm(at);
            case EXPIRED -> o.expire(at);
            case COMPENSATING -> o.isRefunded() ? o.release(at) : o.refund(at);
            case FAILED -> o.failNeedingAttention("because", at);
        };
    }
}
