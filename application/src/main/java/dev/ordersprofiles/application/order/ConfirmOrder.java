package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 4: moves a CHARGED order to CONFIRMED. Idempotent. */
public interface ConfirmOrder {

    /** @return the order after the step */
    Order confirm(OrderId orderId);
}
