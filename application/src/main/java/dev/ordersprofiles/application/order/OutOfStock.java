package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;

/** Workflow business failure of the reserve step; its class name is matched by the state machine's Catch. */
public final class OutOfStock extends DomainException {
    private final OrderId orderId;

    public OutOfStock(OrderId orderId, String why) {
        super("order " + orderId + " cannot be reserved: " + why);
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
