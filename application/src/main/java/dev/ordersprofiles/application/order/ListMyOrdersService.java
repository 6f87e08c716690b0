package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.domain.order.Order;

public final class ListMyOrdersService implements ListMyOrders {
    private final OrderRepository orders;

    public ListMyOrdersService(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public Page<Order> list(ListMyOrdersQuery query) {
        return orders.findByUser(query.requester(), query.page());
    }
}
