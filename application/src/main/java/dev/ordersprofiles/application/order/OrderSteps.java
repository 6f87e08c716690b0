package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Loading and conditional saving shared by the workflow steps. */
final class OrderSteps {
    /** How often a compensation re-reads an order that moved on under it before giving up. */
    static final int UNDO_ATTEMPTS = 5;

    private final OrderRepository orders;

    OrderSteps(OrderRepository orders) {
        this.orders = orders;
    }

    Order load(OrderId id) {
        return orders.find(id).orElseThrow(() -> new OrderNotFound(id));
    }

    /** The stored order, once {@code expected} has checked the step's payload against it. */
    Order load(OrderId id, ExpectedOrder expected) {
        Order order = load(id);
        expected.check(order);
        return order;
    }

    /**
     * Stores {@code next} in place of {@code current}. When another run of the same step got there first, the
     * stored order is returned as long as it satisfies {@code done}; anything else is a real conflict.
     */
    Order save(Order current, Order next, Predicate<Order> done) {
        return save(current, next, done, () -> { });
    }

    /**
     * Like {@link #save(Order, Order, Predicate)}, for a step that took something outside the order before saving:
     * when the stored order moved elsewhere (a compensation began, or it ended), {@code undoOwn} gives that back
     * before the conflict is thrown, so nothing is left held that the stored order does not account for.
     */
    Order save(Order current, Order next, Predicate<Order> done, Runnable undoOwn) {
        try {
            orders.update(current, next);
            return next;
        } catch (ConcurrentOrderUpdate conflict) {
            Order stored = orders.find(current.id()).orElseThrow(() -> conflict);
            if (done.test(stored)) {
                return stored;
            }
            undoOwn.run();
            throw conflict;
        }
    }

    /**
     * Records an undo: {@code record} moves the freshly read order (returning it unchanged when there is nothing
     * to record); on a concurrent change the order is read again, so a compensation is never lost to a race.
     */
    Order record(OrderId id, ExpectedOrder expected, UnaryOperator<Order> record) {
        ConcurrentOrderUpdate last = null;
        for (int attempt = 0; attempt < UNDO_ATTEMPTS; attempt++) {
            Order order = load(id, expected);
            Order next = record.apply(order);
            if (next == order) {
                return order;
            }
            try {
                orders.update(order, next);
                return next;
            } catch (ConcurrentOrderUpdate conflict) {
                last = conflict;
            }
        }
        throw last;
    }
}
