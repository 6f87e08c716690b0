package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 3: charges a RESERVED order and moves it to CHARGED. Idempotent: never charges twice. Throws {@link PaymentDeclined}. */
public interface ChargePayment {

    /** @return the order after the step */
    default Order charge(OrderId orderId) {
        return charge(orderId, ExpectedOrder.ANY);
    }

    /**
     * The step for a payload that also names the order's user, amount or items.
     *
     * @throws OrderPayloadMismatch when they differ from the stored order; nothing is done then
     */
    Order charge(OrderId orderId, ExpectedOrder expected);
}
