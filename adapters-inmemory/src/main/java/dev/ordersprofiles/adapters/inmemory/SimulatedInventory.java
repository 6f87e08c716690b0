package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.order.OutOfStock;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.Sku;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated warehouse, deterministic so that demos and tests can steer every outcome:
 * <ul>
 *   <li>SKUs starting with {@code DISCONTINUED-} are not sold: validation fails.</li>
 *   <li>SKUs starting with {@code SOLDOUT-} have no stock: reservation fails with {@link OutOfStock}.</li>
 *   <li>SKUs given a count (configuration {@code "A-1=100,B-2=0"}) have that much stock; reservations take from
 *   it and releases give it back.</li>
 *   <li>Every other SKU is always in stock.</li>
 * </ul>
 * Reservations are keyed by order id: reserving twice for one order reserves once, releasing twice gives back once.
 */
public final class SimulatedInventory implements Inventory {
    static final String DISCONTINUED = "DISCONTINUED-";
    static final String SOLD_OUT = "SOLDOUT-";

    private final Map<Sku, Integer> stock;
    private final Map<OrderId, List<LineItem>> reservations = new HashMap<>();

    public SimulatedInventory(Map<Sku, Integer> stock) {
        this.stock = new HashMap<>(stock);
    }

    /**
     * Reads {@code "SKU=count,SKU=count"}; blank or null means no counted SKUs.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static SimulatedInventory fromConfig(String config) {
        Map<Sku, Integer> stock = new HashMap<>();
        if (config != null && !config.isBlank()) {
            for (String entry : config.split(",")) {
                String[] pair = entry.trim().split("=", 2);
                try {
                    int count = Integer.parseInt(pair[1].trim());
                    if (count < 0) {
                        throw new NumberFormatException();
                    }
                    stock.put(Sku.of(pair[0].trim()), count);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("SIM_STOCK entry '" + entry.trim()
                            + "' is not SKU=count with a count of 0 or more");
                }
            }
        }
        return new SimulatedInventory(stock);
    }

    @Override
    public boolean carries(Sku sku) {
        return !sku.value().startsWith(DISCONTINUED);
    }

    @Override
    public synchronized void reserve(OrderId orderId, List<LineItem> items) {
        if (reservations.containsKey(orderId)) {
            return;
        }
        Map<Sku, Integer> wanted = new HashMap<>();
        for (LineItem item : items) {
            wanted.merge(item.sku(), item.qty(), Integer::sum);
        }
        for (Map.Entry<Sku, Integer> line : wanted.entrySet()) {
            int available = available(line.getKey());
            if (available < line.getValue()) {
                throw new OutOfStock(orderId, "SKU " + line.getKey() + ": " + line.getValue() + " wanted, "
                        + available + " in stock");
            }
        }
        wanted.forEach((sku, qty) -> stock.computeIfPresent(sku, (s, count) -> count - qty));
        reservations.put(orderId, List.copyOf(items));
    }

    @Override
    public synchronized void release(OrderId orderId) {
        List<LineItem> reserved = reservations.remove(orderId);
        if (reserved != null) {
            reserved.forEach(item -> stock.computeIfPresent(item.sku(), (s, count) -> count + item.qty()));
        }
    }

    /** Stock left of a SKU; {@link Integer#MAX_VALUE} for uncounted SKUs. */
    public synchronized int available(Sku sku) {
        if (sku.value().startsWith(SOLD_OUT)) {
            return 0;
        }
        return stock.getOrDefault(sku, Integer.MAX_VALUE);
    }

    public synchronized boolean holdsReservation(OrderId orderId) {
        return reservations.containsKey(orderId);
    }
}
