package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;

/** Compensation's last step: moves an order to FAILED with a reason. A no-op for orders already terminal. */
public interface MarkOrderFailed {

    /** @return the order after the step */
    Order markFailed(MarkOrderFailedCommand command);
}
