package dev.ordersprofiles.local.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table's DynamoDB stream: turns a write's before and after images into a record with the next sequence number
 * and hands it to every event source mapping of the table. Callers append the changes of one item in the order they
 * happened (the store layer serialises writes per item), so each item's records arrive in order.
 */
public final class TableStream implements AutoCloseable {
    private final String region;
    private final String arn;
    private final String viewType;
    private final List<StreamDelivery> mappings;
    private final Clock clock;
    /** Starts from the clock so numbers keep increasing across restarts of the stack. */
    private final AtomicLong sequence;

    public TableStream(String region, String arn, String viewType, List<StreamDelivery> mappings, Clock clock) {
        this.region = region;
        this.arn = arn;
        this.viewType = viewType;
        this.mappings = List.copyOf(mappings);
        this.clock = clock;
        this.sequence = new AtomicLong(clock.millis() * 1_000_000L);
    }

    public String arn() {
        return arn;
    }

    /** Appends the change, if the images differ; returns the record written, or null. */
    public ObjectNode append(ObjectNode keys, JsonNode before, JsonNode after, boolean byTtl) {
        return StreamRecords.eventName(before, after).map(name -> {
            Instant now = clock.instant();
            ObjectNode record = StreamRecords.record(region, arn, viewType, name, keys, before, after,
                    Long.toString(sequence.incrementAndGet()), now, byTtl);
            mappings.forEach(m -> m.publish(record));
            return record;
        }).orElse(null);
    }

    @Override
    public void close() {
        mappings.forEach(StreamDelivery::close);
    }
}
