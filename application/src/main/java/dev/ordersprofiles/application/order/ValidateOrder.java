package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;

/** Workflow step 1: checks a PENDING order can be served and moves it to VALIDATED. Idempotent. Throws {@link OrderValidationFailed} for orders past their deadline, no longer PENDING, or with a SKU that is not sold. */
public interface ValidateOrder {

    /** @return the order after the step */
    default Order validate(OrderId orderId) {
        return validate(orderId, ExpectedOrder.ANY);
    }

    /**
     * The step for a payload that also names the order's user, amount or items.
     *
     * @throws OrderPayloadMismatch when they differ from the stored order; nothing is done then
     */
    Order validate(OrderId orderId, ExpectedOrder expected);
}
