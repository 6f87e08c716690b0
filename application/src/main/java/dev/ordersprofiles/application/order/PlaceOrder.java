package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;

/**
 * Places an order: stores it PENDING, then starts its workflow. With an Idempotency-Key, the same key and the
 * same request from the same user return the same order and start nothing new.
 */
public interface PlaceOrder {

    /** @throws IdempotencyKeyReused when the key was used before with a different request */
    Order place(PlaceOrderCommand command);
}
