package dev.ordersprofiles.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.stream.StreamRecords;
import dev.ordersprofiles.local.stream.TableStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * DynamoDB Streams for a store that has none (dynalite): every successful item write through the stack's DynamoDB
 * endpoint on a table with a stream becomes a record with the item's exact images. Writes are serialised per item
 * key (striped locks, taken in one order so multi-item writes cannot deadlock); the images are read with
 * ConsistentRead just before and just after the write, so concurrent writers of one item each see their own
 * before and after, as DynamoDB's stream does. Writes that bypass the endpoint (straight to the store) are not
 * captured.
 */
public final class ChangeCapture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STRIPES = 1024;

    private final StoreClient store;
    private final Map<String, TableSpec> tables;
    private final Map<String, TableStream> streams;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /** @param streams the stream of each table that has one, by table name */
    public ChangeCapture(StoreClient store, Map<String, TableSpec> tables, Map<String, TableStream> streams) {
        this.store = store;
        this.tables = Map.copyOf(tables);
        this.streams = Map.copyOf(streams);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** One item a write touches. */
    record Target(String table, ObjectNode key) {
    }

    /**
     * Runs a client's write, capturing its changes on streamed tables.
     *
     * @param write forwards the request to the store
     */
    public StoreClient.Answer write(String operation, JsonNode request, Supplier<StoreClient.Answer> write) {
        List<Target> targets = targets(operation, request);
        if (targets.isEmpty()) {
            return write.get();
        }
        List<ReentrantLock> held = lock(targets);
        try {
            List<JsonNode> before = new ArrayList<>();
            for (Target t : targets) {
                StoreClient.Answer read = get(t);
                if (!read.ok()) {
                    // e.g. the table was deleted: the write fails the same way, with the store's own answer
                    return write.get();
                }
                before.add(read.json().get("Item"));
            }
            StoreClient.Answer answer = write.get();
            if (answer.ok()) {
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get(i);
                    streams.get(t.table()).append(t.key(), before.get(i), read(t), false);
                }
            }
            return answer;
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    /**
     * Deletes an item whose TTL attribute is before {@code now}, as DynamoDB's TTL process does, and writes its
     * REMOVE record (with the service's user identity) if the table has a stream. An item changed meanwhile so that
     * it no longer expired stays.
     *
     * @return whether the item was deleted
     */
    boolean expire(TableSpec table, ObjectNode key, Instant now) {
        Target target = new Target(table.name(), key);
        List<ReentrantLock> held = lock(List.of(target));
        try {
            ObjectNode delete = JSON.createObjectNode().put("TableName", table.name())
                    .put("ConditionExpression", "#ttl < :now").put("ReturnValues", "ALL_OLD");
            delete.set("Key", key);
            delete.putObject("ExpressionAttributeNames").put("#ttl", table.ttlAttribute().orElseThrow());
            delete.putObject("ExpressionAttributeValues").putObject(":now").put("N",
                    Long.toString(now.getEpochSecond()));
            StoreClient.Answer answer = store.call("DeleteItem", delete);
            if (!answer.ok()) {
                if (answer.errorType().equals("ConditionalCheckFailedException")) {
                    return false;
                }
                throw new StoreClient.StoreException("TTL DeleteItem on " + table.name() + " failed: "
                        + answer.errorType());
            }
            JsonNode old = answer.json().get("Attributes");
            TableStream stream = streams.get(table.name());
            if (stream != null && old != null) {
                stream.append(key, old, null, true);
            }
            return old != null;
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    private StoreClient.Answer get(Target target) {
        ObjectNode get = JSON.createObjectNode().put("TableName", target.table()).put("ConsistentRead", true);
        get.set("Key", target.key());
        return store.call("GetItem", get);
    }

    private JsonNode read(Target target) {
        StoreClient.Answer answer = get(target);
        if (!answer.ok()) {
            throw new StoreClient.StoreException("reading " + target.table() + " after a write failed: "
                    + answer.errorType());
        }
        return answer.json().get("Item");
    }

    /** The items a write touches on tables with a stream; none for other operations and tables. */
    List<Target> targets(String operation, JsonNode request) {
        List<Target> targets = new ArrayList<>();
        switch (operation) {
            case "PutItem" -> add(targets, request.path("TableName").asText(), request.get("Item"));
            case "UpdateItem", "DeleteItem" -> add(targets, request.path("TableName").asText(), request.get("Key"));
            case "BatchWriteItem" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = request.path("RequestItems").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> table = it.next();
                    for (JsonNode write : table.getValue()) {
                        add(targets, table.getKey(), write.has("PutRequest") ? write.path("PutRequest").get("Item")
                                : write.path("DeleteRequest").get("Key"));
                    }
                }
            }
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    for (String kind : List.of("Put", "Update", "Delete")) {
                        JsonNode write = item.get(kind);
                        if (write != null) {
                            add(targets, write.path("TableName").asText(),
                                    kind.equals("Put") ? write.get("Item") : write.get("Key"));
                        }
                    }
                }
            }
            default -> {
                // reads and table operations change no item
            }
        }
        return targets;
    }

    private void add(List<Target> targets, String table, JsonNode item) {
        TableSpec spec = tables.get(table);
        if (spec == null || !streams.containsKey(table)) {
            return;
        }
        // A write without its key is refused by the store: nothing to capture then.
        StreamRecords.key(item, spec.keyAttributes()).ifPresent(key -> targets.add(new Target(table, key)));
    }

    private List<ReentrantLock> lock(List<Target> targets) {
        TreeSet<Integer> stripes = new TreeSet<>();
        for (Target t : targets) {
            stripes.add(Math.floorMod((t.table() + '\u0000' + t.key()).hashCode(), STRIPES));
        }
        List<ReentrantLock> held = new ArrayList<>();
        for (int stripe : stripes) {
            locks[stripe].lock();
            held.add(locks[stripe]);
        }
        return held;
    }
}
