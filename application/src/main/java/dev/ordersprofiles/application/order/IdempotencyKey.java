package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.domain.shared.Shapes;

/** A client's Idempotency-Key header: 1 to 255 visible ASCII characters. */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        if (!Shapes.isVisibleAscii(value, 255)) {
            throw new InvalidValue("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }
}
