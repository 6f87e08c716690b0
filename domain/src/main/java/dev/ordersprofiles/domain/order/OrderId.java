package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.domain.shared.Shapes;
import java.util.UUID;

/** An order's identity: a lowercase UUID, also used as the workflow execution name. */
public record OrderId(String value) {
    public OrderId {
        if (!Shapes.isLowercaseUuid(value)) {
            throw new InvalidValue("orderId", "must be a lowercase UUID");
        }
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    public static OrderId of(UUID uuid) {
        return new OrderId(uuid.toString());
    }

    // equals and hashCode written out, as in UserId: a record's own are bootstrapped through invokedynamic.
    @Override
    public boolean equals(Object other) {
        return other instanceof OrderId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
