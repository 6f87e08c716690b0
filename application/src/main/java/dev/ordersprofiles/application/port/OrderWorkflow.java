package dev.ordersprofiles.application.port;

import dev.ordersprofiles.domain.order.OrderId;

/** Starts the PlaceOrder workflow (validate, reserve, charge, confirm) for a stored PENDING order. */
public interface OrderWorkflow {

    /** Starts the run named by the order id. Starting a run that exists already is a no-op, not an error. */
    void start(OrderId orderId);
}
