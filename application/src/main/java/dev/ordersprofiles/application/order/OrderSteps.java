package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import java.util.function.Predicate;

/** Loading and conditional saving shared by the workflow steps. */
final class OrderSteps {
    private final OrderRepository orders;

    OrderSteps(OrderRepository orders) {
        this.orders = orders;
    }

    Order load(OrderId id) {
        return orders.find(id).orElseThrow(() -> new OrderNotFound(id));
    }

    /**
     * Stores {@code next} in place of {@code current}. When another run of the same step got there first, the
     * stored order is returned as long as it satisfies {@code done}; anything else is a real conflict.
     */
    Order save(Order current, Order next, Predicate<Order> done) {
        try {
            orders.update(current, next);
            return next;
        } catch (ConcurrentOrderUpdate conflict) {
            Order stored = orders.find(current.id()).orElseThrow(() -> conflict);
            if (done.test(stored)) {
                return stored;
            }
            throw conflict;
        }
    }
}
