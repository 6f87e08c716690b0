package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;

/**
 * A workflow step's payload does not match the stored order (its user, amount or items differ): the step refused
 * before acting. A business failure: the state machine's Catch compensates, it never retries it.
 */
public final class OrderPayloadMismatch extends DomainException {
    private final OrderId orderId;
    private final String field;

    public OrderPayloadMismatch(OrderId orderId, String field, String why) {
        super("the step payload does not match order " + orderId + " (" + field + "): " + why);
        this.orderId = orderId;
        this.field = field;
    }

    public OrderId orderId() {
        return orderId;
    }

    /** userId, amount or items. */
    public String field() {
        return field;
    }
}
