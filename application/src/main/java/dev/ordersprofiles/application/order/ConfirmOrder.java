package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 4: moves a CHARGED order to CONFIRMED. Idempotent. */
public interface ConfirmOrder {

    /** @return the order after the step */
    default Order confirm(OrderId orderId) {
        return confirm(orderId, ExpectedOrder.ANY);
    }

    /**
     * The step for a payload that also names the order's user, amount or items.
     *
     * @throws OrderPayloadMismatch when they differ from the stored order; nothing is done then
     */
    Order confirm(OrderId orderId, ExpectedOrder expected);
}
