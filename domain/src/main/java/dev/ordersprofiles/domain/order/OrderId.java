package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.InvalidValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** An order's identity: a lowercase UUID, also used as the workflow execution name. */
public record OrderId(String value) {
    private static final Pattern SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public OrderId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("orderId", "must be a lowercase UUID");
        }
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    public static OrderId of(UUID uuid) {
        return new OrderId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
