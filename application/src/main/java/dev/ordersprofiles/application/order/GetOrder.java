package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.Order;

/** Reads one of the requester's own orders. */
public interface GetOrder {

    /** @throws OrderNotFound when there is no such order or it is someone else's */
    Order get(GetOrderQuery query);
}
