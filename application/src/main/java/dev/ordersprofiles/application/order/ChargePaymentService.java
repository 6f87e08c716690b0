package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Clock;

public final class ChargePaymentService implements ChargePayment {
    private final OrderSteps steps;
    private final Payments payments;
    private final Clock clock;

    public ChargePaymentService(OrderRepository orders, Payments payments, Clock clock) {
        this.steps = new OrderSteps(orders);
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public Order charge(OrderId orderId, ExpectedOrder expected) {
        Order order = steps.load(orderId, expected);
        if (order.status().hasReached(OrderStatus.CHARGED)) {
            return order;
        }
        Order charged = order.charge(clock.instant()); // refuses illegal moves before any money moves
        payments.charge(orderId, order.amount());
        return steps.save(order, charged, stored -> stored.status().hasReached(OrderStatus.CHARGED),
                () -> payments.refund(orderId));
    }
}
