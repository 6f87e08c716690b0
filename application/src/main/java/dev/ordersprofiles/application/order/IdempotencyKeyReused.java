package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.shared.DomainException;

/** The same Idempotency-Key came back with a different request body. */
public final class IdempotencyKeyReused extends DomainException {
    public IdempotencyKeyReused() {
        super("this Idempotency-Key was used with a different request body");
    }
}
