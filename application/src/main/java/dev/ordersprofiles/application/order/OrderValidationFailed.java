package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;

/** Workflow business failure of the validate step; its class name is matched by the state machine's Catch. */
public final class OrderValidationFailed extends DomainException {
    private final OrderId orderId;

    public OrderValidationFailed(OrderId orderId, String why) {
        super("order " + orderId + " is not valid: " + why);
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
