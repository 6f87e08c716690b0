package dev.ordersprofiles.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB's TTL deletion for tables whose TimeToLiveSpecification is enabled: every interval, items whose TTL
 * attribute is a number of epoch seconds in the past are deleted, each with the REMOVE stream record AWS writes for
 * a TTL deletion (see {@link ChangeCapture#expire}). Items whose attribute is missing or not a number are kept, as
 * on AWS. AWS deletes within days of expiry, here within one interval.
 */
public final class TtlSweeper implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoreClient store;
    private final ChangeCapture capture;
    private final List<TableSpec> tables;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public TtlSweeper(StoreClient store, ChangeCapture capture, List<TableSpec> tables, Clock clock) {
        this.store = store;
        this.capture = capture;
        this.tables = tables.stream().filter(t -> t.ttlAttribute().isPresent()).toList();
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamodb-ttl");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sweeps every {@code interval} from now on. */
    public void start(Duration interval) {
        if (tables.isEmpty()) {
            return;
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                System.out.println("{\"time\":\"" + Instant.now() + "\",\"level\":\"WARN\",\"component\":\"dynamodb-ttl\",\"event\":\"sweep-failed\","
                        + "\"error\":\"" + EmbeddedDynamoDb.jsonEscape(String.valueOf(e.getMessage())) + "\"}");
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over every TTL table. @return how many items were deleted */
    public int sweep() {
        Instant now = clock.instant();
        int deleted = 0;
        for (TableSpec table : tables) {
            JsonNode start = null;
            do {
                ObjectNode scan = JSON.createObjectNode().put("TableName", table.name())
                        .put("ConsistentRead", true).put("FilterExpression", "#ttl < :now");
                ObjectNode names = scan.putObject("ExpressionAttributeNames").put("#ttl", table.ttlAttribute().get());
                StringBuilder projection = new StringBuilder();
                for (int i = 0; i < table.keyAttributes().size(); i++) {
                    names.put("#k" + i, table.keyAttributes().get(i));
                    projection.append(i == 0 ? "" : ", ").append("#k").append(i);
                }
                scan.put("ProjectionExpression", projection.toString());
                scan.putObject("ExpressionAttributeValues").putObject(":now").put("N",
                        Long.toString(now.getEpochSecond()));
                if (start != null) {
                    scan.set("ExclusiveStartKey", start);
                }
                JsonNode page = store.require("Scan", scan);
                for (JsonNode key : page.path("Items")) {
                    if (capture.expire(table, (ObjectNode) key, now)) {
                        deleted++;
                    }
                }
                start = page.get("LastEvaluatedKey");
            } while (start != null);
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
