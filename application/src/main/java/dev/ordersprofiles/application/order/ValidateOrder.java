package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 1: checks a PENDING order can be served and moves it to VALIDATED. Idempotent. Throws {@link OrderValidationFailed} for orders past their deadline, no longer PENDING, or with a SKU that is not sold. */
public interface ValidateOrder {

    /** @return the order after the step */
    Order validate(OrderId orderId);
}
