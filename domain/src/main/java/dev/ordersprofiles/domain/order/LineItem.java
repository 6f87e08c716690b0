package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.InvalidValue;
import java.util.Objects;

/** One line of an order: a SKU and a quantity from 1 to {@link #MAX_QTY}. */
public record LineItem(Sku sku, int qty) {
    public static final int MAX_QTY = 1000;

    public LineItem {
        Objects.requireNonNull(sku, "sku");
        if (qty < 1 || qty > MAX_QTY) {
            throw new InvalidValue("qty", "must be between 1 and " + MAX_QTY);
        }
    }

    public static LineItem of(String sku, int qty) {
        return new LineItem(Sku.of(sku), qty);
    }
}
