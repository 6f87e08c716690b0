package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;

/** There is no such order, or it belongs to someone else: the two look the same to a caller. */
public final class OrderNotFound extends DomainException {
    private final OrderId orderId;

    public OrderNotFound(OrderId orderId) {
        super("order " + orderId + " not found");
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
