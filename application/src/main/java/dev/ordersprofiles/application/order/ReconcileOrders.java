package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;

/**
 * The scheduled reconciler: drives every non-terminal order that is due to a terminal state. A PENDING order past
 * its deadline expires; an order in flight (VALIDATED, RESERVED, CHARGED or COMPENSATING) that has not moved for the
 * policy's stuck-after time is compensated (refund, release) and marked FAILED, or marked FAILED as needing attention
 * when an undo keeps failing for a reason other than an outage. Outages leave the order for the next run.
 */
public interface ReconcileOrders {

    /** Reconciles every due order. */
    ReconcileReport reconcile();

    /** Reconciles one order if it is due (a replayed request of a stuck order comes here); @return it afterwards */
    Order reconcile(Order order);
}
