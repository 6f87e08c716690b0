package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 3: charges a RESERVED order and moves it to CHARGED. Idempotent: never charges twice. Throws {@link PaymentDeclined}. */
public interface ChargePayment {

    /** @return the order after the step */
    Order charge(OrderId orderId);
}
