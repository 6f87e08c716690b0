package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 2: reserves stock for a VALIDATED order and moves it to RESERVED. Idempotent. Throws {@link OutOfStock}. */
public interface ReserveInventory {

    /** @return the order after the step */
    default Order reserve(OrderId orderId) {
        return reserve(orderId, ExpectedOrder.ANY);
    }

    /**
     * The step for a payload that also names the order's user, amount or items.
     *
     * @throws OrderPayloadMismatch when they differ from the stored order; nothing is done then
     */
    Order reserve(OrderId orderId, ExpectedOrder expected);
}
