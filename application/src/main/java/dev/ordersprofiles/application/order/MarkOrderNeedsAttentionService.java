package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import java.time.Clock;

public final class MarkOrderNeedsAttentionService implements MarkOrderNeedsAttention {
    private final OrderSteps steps;
    private final Clock clock;
    private final EventLog events;

    public MarkOrderNeedsAttentionService(OrderRepository orders, Clock clock, EventLog events) {
        this.steps = new OrderSteps(orders);
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Order markNeedsAttention(MarkOrderFailedCommand command) {
        Order[] failed = {null};
        // The last resort never refuses: it records why the order could not be settled, whatever the payload says.
        Order stored = steps.record(command.orderId(), ExpectedOrder.ANY, order -> {
            if (order.status().isTerminal()) {
                return order;
            }
            failed[0] = order.failNeedingAttention(command.reason(), clock.instant());
            return failed[0];
        });
        if (stored == failed[0]) {
            events.record(new BusinessEvent.OrderNeedsAttention(command.orderId(), stored.failureReason().orElseThrow()));
        }
        return stored;
    }
}
