package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.InvalidValue;
import java.util.regex.Pattern;

/** A stock-keeping unit code: 1 to 64 letters, digits, '-' or '_'. */
public record Sku(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Sku {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("sku", "must be 1 to 64 letters, digits, '-' or '_'");
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
