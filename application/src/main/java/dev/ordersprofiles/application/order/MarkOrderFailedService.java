package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Clock;

public final class MarkOrderFailedService implements MarkOrderFailed {
    private final OrderSteps steps;
    private final Clock clock;
    private final EventLog events;

    public MarkOrderFailedService(OrderRepository orders, Clock clock, EventLog events) {
        this.steps = new OrderSteps(orders);
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Order markFailed(MarkOrderFailedCommand command) {
        Order order = steps.load(command.orderId(), command.expected());
        if (order.status().isTerminal()) {
            return order;
        }
        String reason = command.reason() == null || command.reason().isBlank() ? "Unknown" : command.reason();
        Order failed = order.fail(reason.length() > Order.MAX_REASON_LENGTH
                ? reason.substring(0, Order.MAX_REASON_LENGTH) : reason, clock.instant());
        Order stored = steps.save(order, failed, o -> o.status().isTerminal());
        if (stored == failed) {
            events.record(new BusinessEvent.OrderFailed(command.orderId(), failed.failureReason().orElseThrow()));
        }
        return stored;
    }
}
