package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.DomainException;

/** An order's content breaks a rule (no lines, too many lines, a failure without a reason …). */
public final class InvalidOrder extends DomainException {
    public InvalidOrder(String message) {
        super(message);
    }
}
