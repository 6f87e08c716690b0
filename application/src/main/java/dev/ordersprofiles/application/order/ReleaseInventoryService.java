package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import java.time.Clock;

public final class ReleaseInventoryService implements ReleaseInventory {
    private final Undo undo;
    private final Inventory inventory;

    public ReleaseInventoryService(OrderRepository orders, Inventory inventory, Clock clock) {
        this.undo = new Undo(new OrderSteps(orders), clock);
        this.inventory = inventory;
    }

    @Override
    public Order release(OrderId orderId, ExpectedOrder expected) {
        return undo.run(orderId, expected, Order.Hold.RESERVATION, () -> inventory.release(orderId), Order::release);
    }
}
