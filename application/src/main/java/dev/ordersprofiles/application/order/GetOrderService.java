package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;

public final class GetOrderService implements GetOrder {
    private final OrderRepository orders;

    public GetOrderService(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public Order get(GetOrderQuery query) {
        return orders.find(query.orderId())
                .filter(order -> order.isOwnedBy(query.requester()))
                .orElseThrow(() -> new OrderNotFound(query.orderId()));
    }
}
