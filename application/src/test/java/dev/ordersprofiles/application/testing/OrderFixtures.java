package dev.ordersprofiles.application.testing;

import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data shared by the port contract suites and the use-case tests. Instants have millisecond precision. */
public final class OrderFixtures {
    public static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000Z");
    public static final Duration PENDING_FOR = Duration.ofMinutes(15);
    public static final UserId ALICE = UserId.of("alice-sub");
    public static final UserId BOB = UserId.of("bob-sub");

    private OrderFixtures() {
    }

    public static OrderId newId() {
        return OrderId.of(UUID.randomUUID());
    }

    public static UserId newUser() {
        return UserId.of("user-" + UUID.randomUUID());
    }

    public static Order pending(UserId user, Instant createdAt) {
        return Order.place(newId(), user, Money.of("42.50"), List.of(LineItem.of("A-1", 2), LineItem.of("B_7", 1)),
                createdAt, PENDING_FOR);
    }

    public static Order pending() {
        return pending(ALICE, T0);
    }
}
