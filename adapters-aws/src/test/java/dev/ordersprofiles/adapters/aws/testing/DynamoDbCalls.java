package dev.ordersprofiles.adapters.aws.testing;

import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counts what the adapters ask of DynamoDB, on the wire: every HTTP exchange {@link AwsJsonClient} completes is
 * one call of its operation (failed ones too, e.g. a failed condition; a retried call counts once per attempt),
 * and the response body is read for what DynamoDB read: items read (Query: {@code ScannedCount}, the items
 * DynamoDB read and bills, before any filter; GetItem: 1 when an item came back), items returned (Query:
 * {@code Count}; GetItem: the same 1), and the capacity units in {@code ConsumedCapacity}.
 *
 * <p>Capacity is only in a response whose request asked for it (ReturnConsumedCapacity), which the adapters never
 * do: a listener sees responses only and cannot add it as the SDK interceptor this replaces did. So
 * {@link #readUnits()} and {@link #writeUnits()} are 0 for the adapters' calls; {@link #capacityReported()} says
 * whether any unit was seen. Items read are the figure the tests rely on.
 */
public final class DynamoDbCalls implements AwsJsonClient.CallListener {
    private static final List<String> WRITES = List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong consistentGets = new AtomicLong();
    private final AtomicLong itemsRead = new AtomicLong();
    private final AtomicLong itemsReturned = new AtomicLong();
    private final AtomicLong capacityReports = new AtomicLong();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    @Override
    public void completed(String operation, byte[] requestBody, int status, byte[] responseBody) {
        calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        if (operation.equals("GetItem") && Boolean.TRUE.equals(JsonTree.object(requestBody).get("ConsistentRead"))) {
            consistentGets.incrementAndGet();
        }
        if (status / 100 != 2) {
            return;
        }
        Map<String, Object> response = JsonTree.object(responseBody);
        switch (operation) {
            case "Query", "Scan" -> {
                itemsRead.addAndGet(number(response, "ScannedCount"));
                itemsReturned.addAndGet(number(response, "Count"));
            }
            case "GetItem" -> {
                Object item = response.get("Item");
                int hit = item != null && !JsonTree.asObject(item).isEmpty() ? 1 : 0;
                itemsRead.addAndGet(hit);
                itemsReturned.addAndGet(hit);
            }
            default -> {
                // writes and table operations read no items
            }
        }
        addCapacity(response.get("ConsumedCapacity"), WRITES.contains(operation) ? writeUnits : readUnits);
    }

    public long calls(String operation) {
        AtomicLong count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    public Map<String, Long> callsByOperation() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    /** GetItem calls that asked for a strongly consistent read. */
    public long consistentGets() {
        return consistentGets.get();
    }

    /** Items DynamoDB read (and bills): the ScannedCount of every Query plus every GetItem that found an item. */
    public long itemsRead() {
        return itemsRead.get();
    }

    /** Items DynamoDB returned: the Count of every Query plus every GetItem that found an item. */
    public long itemsReturned() {
        return itemsReturned.get();
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    /** Whether any response carried ConsumedCapacity (none does unless its request asked for it). */
    public boolean capacityReported() {
        return capacityReports.get() > 0;
    }

    public void reset() {
        calls.clear();
        consistentGets.set(0);
        itemsRead.set(0);
        itemsReturned.set(0);
        capacityReports.set(0);
        readUnits.reset();
        writeUnits.reset();
    }

    @Override
    public String toString() {
        return callsByOperation() + ", itemsRead=" + itemsRead() + ", itemsReturned=" + itemsReturned()
                + (capacityReported() ? ", RCU=" + readUnits() + ", WCU=" + writeUnits() : ", capacity not reported");
    }

    private static long number(Map<String, Object> response, String field) {
        Object value = response.get(field);
        return value instanceof BigDecimal number ? number.longValueExact() : 0;
    }

    /** ConsumedCapacity is one object (single-item calls, Query) or an array of them (batch calls). */
    private void addCapacity(Object capacity, DoubleAdder units) {
        if (capacity instanceof List<?> perTable) {
            perTable.forEach(entry -> addCapacity(entry, units));
        } else if (capacity instanceof Map<?, ?> entry && entry.get("CapacityUnits") instanceof BigDecimal value) {
            units.add(value.doubleValue());
            capacityReports.incrementAndGet();
        }
    }
}
