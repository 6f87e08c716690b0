package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Clock;

public final class ReserveInventoryService implements ReserveInventory {
    private final OrderSteps steps;
    private final Inventory inventory;
    private final Clock clock;

    public ReserveInventoryService(OrderRepository orders, Inventory inventory, Clock clock) {
        this.steps = new OrderSteps(orders);
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public Order reserve(OrderId orderId, ExpectedOrder expected) {
        Order order = steps.load(orderId, expected);
        if (order.status().hasReached(OrderStatus.RESERVED)) {
            return order;
        }
        Order reserved = order.reserve(clock.instant()); // refuses illegal moves before anything is reserved
        inventory.reserve(orderId, order.items());
        return steps.save(order, reserved, stored -> stored.status().hasReached(OrderStatus.RESERVED),
                () -> inventory.release(orderId));
    }
}
