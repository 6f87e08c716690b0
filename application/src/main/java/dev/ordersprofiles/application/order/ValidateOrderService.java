package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Clock;
import java.time.Instant;

public final class ValidateOrderService implements ValidateOrder {
    private final OrderSteps steps;
    private final Inventory inventory;
    private final Clock clock;

    public ValidateOrderService(OrderRepository orders, Inventory inventory, Clock clock) {
        this.steps = new OrderSteps(orders);
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public Order validate(OrderId orderId, ExpectedOrder expected) {
        Order order = steps.load(orderId, expected);
        if (order.status().hasReached(OrderStatus.VALIDATED)) {
            return order;
        }
        if (order.status() != OrderStatus.PENDING) {
            throw new OrderValidationFailed(orderId, "the order is " + order.status());
        }
        Instant now = clock.instant();
        if (order.isPastDeadline(now)) {
            throw new OrderValidationFailed(orderId, "the order passed its deadline " + order.deadline());
        }
        for (LineItem item : order.items()) {
            if (!inventory.carries(item.sku())) {
                throw new OrderValidationFailed(orderId, "SKU " + item.sku() + " is not sold");
            }
        }
        return steps.save(order, order.validate(now), stored -> stored.status().hasReached(OrderStatus.VALIDATED));
    }
}
