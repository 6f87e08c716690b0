package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;

/** Workflow business failure of the charge step; its class name is matched by the state machine's Catch. */
public final class PaymentDeclined extends DomainException {
    private final OrderId orderId;

    public PaymentDeclined(OrderId orderId, String why) {
        super("payment for order " + orderId + " was declined: " + why);
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
