package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * The three moves of a compensation, shared by refund and release: stop the order going forward (COMPENSATING),
 * give back what it may hold, then record that it was given back. A crash between any two leaves the order saying it
 * may still hold the thing, so a repeat of the step undoes it again (the ports' undo is idempotent); it never says
 * "given back" for something still held.
 */
final class Undo {
    private final OrderSteps steps;
    private final Clock clock;

    Undo(OrderSteps steps, Clock clock) {
        this.steps = steps;
        this.clock = clock;
    }

    Order run(OrderId id, ExpectedOrder expected, Order.Hold hold, Runnable giveBack,
              BiFunction<Order, Instant, Order> record) {
        Order order = steps.record(id, expected, o -> needed(o, hold) ? o.beginCompensation(clock.instant()) : o);
        if (!needed(order, hold)) {
            return order;
        }
        giveBack.run();
        return steps.record(id, expected, o -> needed(o, hold) ? record.apply(o, clock.instant()) : o);
    }

    /** CONFIRMED counts as needed, so that the domain refuses it; EXPIRED and FAILED orders are left as they are. */
    private static boolean needed(Order order, Order.Hold hold) {
        boolean ended = order.status().isTerminal() && order.status() != OrderStatus.CONFIRMED;
        return !ended && order.mayHold().contains(hold);
    }
}
