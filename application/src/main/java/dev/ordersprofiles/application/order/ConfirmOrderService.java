package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Clock;

public final class ConfirmOrderService implements ConfirmOrder {
    private final OrderSteps steps;
    private final Clock clock;
    private final EventLog events;

    public ConfirmOrderService(OrderRepository orders, Clock clock, EventLog events) {
        this.steps = new OrderSteps(orders);
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Order confirm(OrderId orderId, ExpectedOrder expected) {
        Order order = steps.load(orderId, expected);
        if (order.status() == OrderStatus.CONFIRMED) {
            return order;
        }
        Order confirmed = order.confirm(clock.instant());
        Order stored = steps.save(order, confirmed, o -> o.status() == OrderStatus.CONFIRMED);
        if (stored == confirmed) {
            events.record(new BusinessEvent.OrderConfirmed(orderId));
        }
        return stored;
    }
}
