package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Compensation: gives back the stock an order reserved. Idempotent; a no-op when nothing is reserved. Refused for CONFIRMED orders. */
public interface ReleaseInventory {

    /** @return the order after the step */
    Order release(OrderId orderId);
}
