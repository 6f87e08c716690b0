package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import java.time.Clock;

public final class RefundPaymentService implements RefundPayment {
    private final Undo undo;
    private final Payments payments;

    public RefundPaymentService(OrderRepository orders, Payments payments, Clock clock) {
        this.undo = new Undo(new OrderSteps(orders), clock);
        this.payments = payments;
    }

    @Override
    public Order refund(OrderId orderId, ExpectedOrder expected) {
        return undo.run(orderId, expected, Order.Hold.CHARGE, () -> payments.refund(orderId), Order::refund);
    }
}
