package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.IllegalStatusChange;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;

public final class ReleaseInventoryService implements ReleaseInventory {
    private final OrderSteps steps;
    private final Inventory inventory;

    public ReleaseInventoryService(OrderRepository orders, Inventory inventory) {
        this.steps = new OrderSteps(orders);
        this.inventory = inventory;
    }

    @Override
    public Order release(OrderId orderId) {
        Order order = steps.load(orderId);
        if (order.status() == OrderStatus.CONFIRMED) {
            throw new IllegalStatusChange(orderId, order.status(), OrderStatus.FAILED);
        }
        inventory.release(orderId);
        return order;
    }
}
