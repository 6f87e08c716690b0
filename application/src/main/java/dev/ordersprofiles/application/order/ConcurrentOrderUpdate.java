package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;

/** The stored order moved on (or vanished) between reading it and writing it back. */
public final class ConcurrentOrderUpdate extends DomainException {
    private final OrderId orderId;

    public ConcurrentOrderUpdate(OrderId orderId) {
        super("order " + orderId + " was changed concurrently");
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
