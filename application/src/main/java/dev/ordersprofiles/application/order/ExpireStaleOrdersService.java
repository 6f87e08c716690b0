package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.IllegalStatusChange;
import dev.ordersprofiles.domain.order.Order;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;

public final class ExpireStaleOrdersService implements ExpireStaleOrders {
    private final OrderRepository orders;
    private final Clock clock;
    private final EventLog events;

    public ExpireStaleOrdersService(OrderRepository orders, Clock clock, EventLog events) {
        this.orders = orders;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public ExpiryReport expireStale() {
        Instant now = clock.instant();
        int expired = 0;
        int skipped = 0;
        try (Stream<Order> stale = orders.pendingDueBefore(now)) {
            for (Iterator<Order> it = stale.iterator(); it.hasNext(); ) {
                Order order = it.next();
                try {
                    orders.update(order, order.expire(now));
                    events.record(new BusinessEvent.OrderExpired(order.id()));
                    expired++;
                } catch (ConcurrentOrderUpdate | IllegalStatusChange movedOn) {
                    skipped++;
                }
            }
        }
        return new ExpiryReport(expired, skipped);
    }
}
