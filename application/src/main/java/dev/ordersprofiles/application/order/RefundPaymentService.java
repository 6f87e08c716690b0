package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.domain.order.IllegalStatusChange;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;

public final class RefundPaymentService implements RefundPayment {
    private final OrderSteps steps;
    private final Payments payments;

    public RefundPaymentService(OrderRepository orders, Payments payments) {
        this.steps = new OrderSteps(orders);
        this.payments = payments;
    }

    @Override
    public Order refund(OrderId orderId) {
        Order order = steps.load(orderId);
        if (order.status() == OrderStatus.CONFIRMED) {
            throw new IllegalStatusChange(orderId, order.status(), OrderStatus.FAILED);
        }
        payments.refund(orderId);
        return order;
    }
}
