package dev.ordersprofiles.handlers.support;

import dev.ordersprofiles.application.testing.MutableClock;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.handlers.wiring.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One in-memory world: the production component graph on in-memory adapters, with a hand-moved clock. */
public final class World {
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    public final TestComponent component;

    public World() {
        this(Map.of());
    }

    public World(Map<String, String> env) {
        this.component = TestComponent.create(env, clock);
    }

    /** Stores a PENDING order directly, without starting its workflow (as if the state machine had not run yet). */
    public Order pendingOrder(String amount, String sku, int qty) {
        Order order = Order.place(OrderId.of(UUID.randomUUID()), UserId.of(Api.SUB), Money.of(amount),
                List.of(LineItem.of(sku, qty)), clock.instant(), Duration.ofSeconds(900));
        component.orderRepository().add(order);
        return order;
    }

    public Order stored(OrderId id) {
        return component.orderRepository().find(id).orElseThrow();
    }
}
