package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/**
 * Compensation: gives back the stock an order reserved and records it (the order moves to COMPENSATING). Idempotent;
 * a no-op when nothing can be reserved or the order ended EXPIRED or FAILED. Refused for CONFIRMED orders.
 */
public interface ReleaseInventory {

    /** @return the order after the step */
    default Order release(OrderId orderId) {
        return release(orderId, ExpectedOrder.ANY);
    }

    /**
     * The step for a payload that also names the order's user, amount or items.
     *
     * @throws OrderPayloadMismatch when they differ from the stored order; nothing is done then
     */
    Order release(OrderId orderId, ExpectedOrder expected);
}
