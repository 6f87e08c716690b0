package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.DomainException;

/** An order was asked to move to a status its current status does not allow. */
public final class IllegalStatusChange extends DomainException {
    private final OrderId orderId;
    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalStatusChange(OrderId orderId, OrderStatus from, OrderStatus to) {
        super("order " + orderId + " cannot move from " + from + " to " + to);
        this.orderId = orderId;
        this.from = from;
        this.to = to;
    }

    public OrderId orderId() {
        return orderId;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
