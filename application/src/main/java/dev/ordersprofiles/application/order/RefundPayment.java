package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Compensation: refunds an order's charge. Idempotent; a no-op when nothing is charged. Refused for CONFIRMED orders. */
public interface RefundPayment {

    /** @return the order after the step */
    Order refund(OrderId orderId);
}
