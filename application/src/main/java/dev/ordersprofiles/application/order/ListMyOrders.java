package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.domain.order.Order;

/** Lists the requester's own orders, newest first, a page at a time. */
public interface ListMyOrders {

    Page<Order> list(ListMyOrdersQuery query);
}
