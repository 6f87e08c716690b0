package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.order.Sku;
import dev.ordersprofiles.domain.order.StatusChange;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Order <-> orders-table item (docs/architecture.md §5). Besides the order's own fields (among them
 * {@code deadline}, the exact
 * PENDING deadline) the item carries derived attributes: {@code ttlEpoch} only on EXPIRED and FAILED orders
 * (updatedAt + retention, for DynamoDB TTL, so TTL never deletes a live order; CONFIRMED orders are kept);
 * {@code inFlightShard} and {@code dueEpoch} only while the order is not terminal, so that exactly the orders in
 * flight are in the sparse inFlightByDue index, sorted by when the reconciler should look at them
 * ({@link Order#dueAt}: the deadline while PENDING, the last move + stuck-after later, in whole seconds rounded
 * down); {@code failureReason} on FAILED only.
 */
public final class OrderItemMapper {
    static final String ORDER_ID = TableDefinitions.ORDER_ID;
    static final String USER_ID = "userId";
    static final String STATUS = "status";
    static final String AMOUNT = "amount";
    static final String ITEMS = "items";
    static final String SKU = "sku";
    static final String QTY = "qty";
    static final String HISTORY = "history";
    static final String AT = "at";
    static final String REASON = "reason";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String DEADLINE = "deadline";
    static final String VERSION = "version";
    static final String TTL_EPOCH = TableDefinitions.TTL_ATTRIBUTE;
    static final String FAILURE_REASON = "failureReason";
    static final String IN_FLIGHT_SHARD = TableDefinitions.IN_FLIGHT_SHARD;
    static final String DUE_EPOCH = TableDefinitions.DUE_EPOCH;

    private final String table;
    private final int shards;
    private final Duration retention;
    private final Duration stuckAfter;

    /**
     * @param table      the table name, used in error messages
     * @param shards     how many partitions the inFlightByDue index spreads orders in flight over (1..1000)
     * @param retention  how long EXPIRED and FAILED orders are kept before TTL may delete them
     * @param stuckAfter how long after its last move an order in flight is due for the reconciler
     */
    public OrderItemMapper(String table, int shards, Duration retention, Duration stuckAfter) {
        if (shards < 1 || shards > 1000) {
            throw new IllegalArgumentException("shards must be 1..1000");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("stuckAfter must be positive");
        }
        this.table = table;
        this.shards = shards;
        this.retention = retention;
        this.stuckAfter = stuckAfter;
    }

    public Duration stuckAfter() {
        return stuckAfter;
    }

    public int shards() {
        return shards;
    }

    /** The inFlightByDue partition of an order: a stable hash (CRC-32 of the id) modulo the shard count. */
    public String shardOf(OrderId id) {
        return shardName(shardIndex(id));
    }

    public String shardName(int index) {
        return "INFLIGHT#" + index;
    }

    int shardIndex(OrderId id) {
        CRC32 crc = new CRC32();
        crc.update(id.value().getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % shards);
    }

    public static Map<String, AttributeValue> key(OrderId id) {
        return Map.of(ORDER_ID, s(id.value()));
    }

    public Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(20);
        item.put(ORDER_ID, s(order.id().value()));
        item.put(USER_ID, s(order.userId().value()));
        item.put(STATUS, s(order.status().name()));
        item.put(AMOUNT, n(order.amount().amount().toPlainString()));
        List<AttributeValue> lines = new ArrayList<>(order.items().size());
        for (LineItem line : order.items()) {
            lines.add(m(Map.of(SKU, s(line.sku().value()), QTY, n(Integer.toString(line.qty())))));
        }
        item.put(ITEMS, AttributeValue.fromL(lines));
        List<AttributeValue> history = new ArrayList<>(order.history().size());
        for (StatusChange change : order.history()) {
            Map<String, AttributeValue> entry = new HashMap<>(4);
            entry.put(STATUS, s(change.status().name()));
            entry.put(AT, s(Timestamps.format(change.at())));
            if (change.reason() != null) {
                entry.put(REASON, s(change.reason()));
            }
            history.add(m(entry));
        }
        item.put(HISTORY, AttributeValue.fromL(history));
        item.put(CREATED_AT, s(Timestamps.format(order.createdAt())));
        item.put(UPDATED_AT, s(Timestamps.format(order.updatedAt())));
        item.put(DEADLINE, s(Timestamps.format(order.deadline())));
        item.put(VERSION, n(Long.toString(order.version())));
        order.dueAt(stuckAfter).ifPresent(due -> {
            item.put(IN_FLIGHT_SHARD, s(shardOf(order.id())));
            item.put(DUE_EPOCH, n(Long.toString(due.getEpochSecond())));
        });
        if (order.status() == OrderStatus.EXPIRED || order.status() == OrderStatus.FAILED) {
            item.put(TTL_EPOCH, n(Long.toString(order.updatedAt().plus(retention).getEpochSecond())));
        }
        order.failureReason().ifPresent(reason -> item.put(FAILURE_REASON, s(reason)));
        return item;
    }

    /** @throws CorruptItem when the item is not a well-formed order */
    public Order fromItem(Map<String, AttributeValue> item) {
        AttributeValue idValue = item.get(ORDER_ID);
        String key = idValue != null && idValue.s() != null ? idValue.s() : "<no orderId>";
        ItemReader read = new ItemReader(table, key, item);
        OrderId id = read.convert(ORDER_ID, OrderId::of);
        UserId userId = read.convert(USER_ID, UserId::of);
        OrderStatus status = read.enumValue(STATUS, OrderStatus.class);
        BigDecimal rawAmount = read.number(AMOUNT);
        Money amount;
        try {
            amount = new Money(rawAmount);
        } catch (RuntimeException e) {
            throw read.corrupt(AMOUNT, "has an invalid value (" + e.getMessage() + ")");
        }
        List<LineItem> lines = read.listOfMaps(ITEMS, line -> {
            Sku sku = line.convert(SKU, Sku::of);
            int qty = line.intNumber(QTY);
            try {
                return new LineItem(sku, qty);
            } catch (RuntimeException e) {
                throw line.corrupt(QTY, "has an invalid value (" + e.getMessage() + ")");
            }
        });
        List<StatusChange> history = read.listOfMaps(HISTORY, entry -> {
            OrderStatus entryStatus = entry.enumValue(STATUS, OrderStatus.class);
            Instant at = entry.instant(AT);
            String reason = entry.optionalString(REASON).orElse(null);
            try {
                return new StatusChange(entryStatus, at, reason);
            } catch (RuntimeException e) {
                throw entry.corrupt(REASON, "does not fit status " + entryStatus + " (" + e.getMessage() + ")");
            }
        });
        Instant createdAt = read.instant(CREATED_AT);
        Instant updatedAt = read.instant(UPDATED_AT);
        Instant deadline = read.instant(DEADLINE);
        long version = read.longNumber(VERSION);
        try {
            return new Order(id, userId, amount, lines, status, history, createdAt, updatedAt, deadline, version);
        } catch (RuntimeException e) {
            throw read.corruptItem("not a valid order (" + e.getMessage() + ")", e);
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static AttributeValue m(Map<String, AttributeValue> value) {
        return AttributeValue.fromM(value);
    }
}
