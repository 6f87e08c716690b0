package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.order.PaymentDeclined;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.Money;
import java.util.HashMap;
import java.util.Map;

/**
 * A simulated payment provider: charges above a limit (default 5000.00) are declined, every other charge
 * succeeds. Charges are keyed by order id: charging an order twice charges once; refunding twice refunds once.
 */
public final class SimulatedPayments implements Payments {
    public static final Money DEFAULT_DECLINE_ABOVE = Money.of("5000.00");

    private enum State { CHARGED, REFUNDED }

    private final Money declineAbove;
    private final Map<OrderId, State> charges = new HashMap<>();
    private int chargeCount;

    public SimulatedPayments(Money declineAbove) {
        this.declineAbove = declineAbove;
    }

    /**
     * Reads the decline limit, e.g. {@code "5000.00"}; blank or null means the default.
     *
     * @throws IllegalArgumentException when it is not a valid amount
     */
    public static SimulatedPayments fromConfig(String declineAbove) {
        if (declineAbove == null || declineAbove.isBlank()) {
            return new SimulatedPayments(DEFAULT_DECLINE_ABOVE);
        }
        try {
            return new SimulatedPayments(Money.of(declineAbove.trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SIM_DECLINE_ABOVE '" + declineAbove + "' is not an amount");
        }
    }

    @Override
    public synchronized void charge(OrderId orderId, Money amount) {
        if (charges.containsKey(orderId)) {
            return;
        }
        if (amount.isGreaterThan(declineAbove)) {
            throw new PaymentDeclined(orderId, "amount " + amount + " is above the limit " + declineAbove);
        }
        charges.put(orderId, State.CHARGED);
        chargeCount++;
    }

    @Override
    public synchronized void refund(OrderId orderId) {
        charges.replace(orderId, State.CHARGED, State.REFUNDED);
    }

    public synchronized boolean isCharged(OrderId orderId) {
        return charges.get(orderId) == State.CHARGED;
    }

    public synchronized boolean isRefunded(OrderId orderId) {
        return charges.get(orderId) == State.REFUNDED;
    }

    /** How many charges were taken in all (a repeated charge of one order counts once). */
    public synchronized int chargeCount() {
        return chargeCount;
    }
}
