package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;

/** An order with this id is stored already. */
public final class DuplicateOrder extends DomainException {
    private final OrderId orderId;

    public DuplicateOrder(OrderId orderId) {
        super("order " + orderId + " exists already");
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
