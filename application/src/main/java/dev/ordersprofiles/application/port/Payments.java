package dev.ordersprofiles.application.port;

import dev.ordersprofiles.application.order.PaymentDeclined;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.Money;

/** Takes payment for orders, keyed by order id so that a repeated call never charges twice. */
public interface Payments {

    /**
     * Charges the order's amount. Charging an order that is already charged changes nothing.
     *
     * @throws PaymentDeclined when the payment is refused; nothing is charged then
     */
    void charge(OrderId orderId, Money amount);

    /** Refunds the order's charge. A no-op when there is no charge, or it was refunded already. */
    void refund(OrderId orderId);
}
