package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;

/**
 * The end of a saga whose compensation could not be completed: moves the order to FAILED with a reason that starts
 * "needs attention: ", gives the cause and names the reservation or charge it may still hold, and records an
 * {@link dev.ordersprofiles.application.event.BusinessEvent.OrderNeedsAttention} (its metric has an alarm).
 * A no-op for an order already terminal.
 */
public interface MarkOrderNeedsAttention {

    /** @return the order after the step */
    Order markNeedsAttention(MarkOrderFailedCommand command);
}
