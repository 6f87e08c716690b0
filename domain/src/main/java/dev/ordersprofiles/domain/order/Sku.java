package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.domain.shared.Shapes;

/** A stock-keeping unit code: 1 to 64 letters, digits, '-' or '_'. */
public record Sku(String value) {
    public Sku {
        if (!Shapes.isWord(value, 64)) {
            throw new InvalidValue("sku", "must be 1 to 64 letters, digits, '-' or '_'");
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    // equals and hashCode written out, as in UserId: a record's own are bootstrapped through invokedynamic.
    @Override
    public boolean equals(Object other) {
        return other instanceof Sku that && value.equals(that.value);
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
