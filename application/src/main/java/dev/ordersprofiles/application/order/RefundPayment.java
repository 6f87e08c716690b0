package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/**
 * Compensation: refunds an order's charge and records it (the order moves to COMPENSATING and can never be
 * confirmed). Idempotent; a no-op when nothing can be charged or the order ended EXPIRED or FAILED. Refused for
 * CONFIRMED orders ({@link dev.ordersprofiles.domain.order.IllegalStatusChange}).
 */
public interface RefundPayment {

    /** @return the order after the step */
    default Order refund(OrderId orderId) {
        return refund(orderId, ExpectedOrder.ANY);
    }

    /**
     * The step for a payload that also names the order's user, amount or items.
     *
     * @throws OrderPayloadMismatch when they differ from the stored order; nothing is done then
     */
    Order refund(OrderId orderId, ExpectedOrder expected);
}
