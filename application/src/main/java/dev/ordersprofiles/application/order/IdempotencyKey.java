package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.shared.InvalidValue;
import java.util.regex.Pattern;

/** A client's Idempotency-Key header: 1 to 255 visible ASCII characters. */
public record IdempotencyKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1,255}");

    public IdempotencyKey {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }
}
