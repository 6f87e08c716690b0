package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 2: reserves stock for a VALIDATED order and moves it to RESERVED. Idempotent. Throws {@link OutOfStock}. */
public interface ReserveInventory {

    /** @return the order after the step */
    Order reserve(OrderId orderId);
}
