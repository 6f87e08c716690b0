package dev.ordersprofiles.application.port;

import dev.ordersprofiles.application.order.OutOfStock;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.Sku;
import java.util.List;

/** Stock, with reservations keyed by order id so that every call is idempotent. */
public interface Inventory {

    /** Whether the SKU is sold at all. */
    boolean carries(Sku sku);

    /**
     * Reserves every line for the order, all or nothing. Reserving again for the same order changes nothing.
     *
     * @throws OutOfStock when a line cannot be served; nothing is reserved then
     */
    void reserve(OrderId orderId, List<LineItem> items);

    /** Gives the order's reservation back. A no-op when the order holds none (never reserved, or released). */
    void release(OrderId orderId);
}
