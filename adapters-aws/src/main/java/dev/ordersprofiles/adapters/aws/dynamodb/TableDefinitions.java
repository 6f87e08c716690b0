package dev.ordersprofiles.adapters.aws.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.adapters.aws.client.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The three tables of docs/architecture.md §5 as CreateTable requests: keys, attribute types and GSIs, on-demand billing.
 * sam/template.yaml declares the same tables; TTL ({@value #TTL_ATTRIBUTE}) and PITR are set there, not here
 * (dynalite has neither). Tests and the local stack create tables from these definitions.
 */
public final class TableDefinitions {
    public static final String ORDER_ID = "orderId";
    public static final String USER_ID = "userId";
    public static final String IDEMPOTENCY_KEY = "pk";
    public static final String TTL_ATTRIBUTE = "ttlEpoch";
    /** Present only while an order is not terminal: its partition of the {@value #IN_FLIGHT_INDEX} index. */
    public static final String IN_FLIGHT_SHARD = "inFlightShard";
    /** Present only while an order is not terminal: when the reconciler should look at it (epoch seconds). */
    public static final String DUE_EPOCH = "dueEpoch";
    public static final String CREATED_AT = "createdAt";
    /** GSI of orders: partition userId (S), sort createdAt (S), projection ALL. */
    public static final String BY_USER_INDEX = "byUser";
    /** Sparse GSI of orders: partition inFlightShard (S), sort dueEpoch (N), projection ALL; non-terminal orders only. */
    public static final String IN_FLIGHT_INDEX = "inFlightByDue";

    private TableDefinitions() {
    }

    /** A table's name and its CreateTable request body in DynamoDB's JSON. */
    public record Table(String name, byte[] createTableJson) {
    }

    public static Table orders(String tableName) {
        return table(tableName, out -> {
            attributes(out, ORDER_ID, "S", USER_ID, "S", CREATED_AT, "S", IN_FLIGHT_SHARD, "S", DUE_EPOCH, "N");
            keySchema(out, ORDER_ID, null);
            out.writeArrayFieldStart("GlobalSecondaryIndexes");
            index(out, BY_USER_INDEX, USER_ID, CREATED_AT);
            index(out, IN_FLIGHT_INDEX, IN_FLIGHT_SHARD, DUE_EPOCH);
            out.writeEndArray();
        });
    }

    public static Table profiles(String tableName) {
        return table(tableName, out -> {
            attributes(out, USER_ID, "S");
            keySchema(out, USER_ID, null);
            out.writeObjectFieldStart("StreamSpecification");
            out.writeBooleanField("StreamEnabled", true);
            out.writeStringField("StreamViewType", "NEW_AND_OLD_IMAGES");
            out.writeEndObject();
        });
    }

    public static Table idempotency(String tableName) {
        return table(tableName, out -> {
            attributes(out, IDEMPOTENCY_KEY, "S");
            keySchema(out, IDEMPOTENCY_KEY, null);
        });
    }

    public static List<Table> all(TableNames names) {
        return List.of(orders(names.orders()), profiles(names.profiles()), idempotency(names.idempotency()));
    }

    /**
     * Creates whichever of the three tables do not exist yet and waits until all are ACTIVE.
     *
     * @return the names of the tables it created
     */
    public static List<String> createMissing(DynamoDb dynamo, TableNames names) {
        Set<String> existing = new HashSet<>(dynamo.listTables());
        List<String> created = new ArrayList<>();
        for (Table table : all(names)) {
            if (!existing.contains(table.name())) {
                try {
                    dynamo.createTable(table.createTableJson());
                    created.add(table.name());
                } catch (AwsServiceException error) {
                    if (!error.is("ResourceInUseException")) {
                        throw error;
                    }
                    // someone else created it in the meantime: fine, we wait for it below
                }
            }
        }
        for (Table table : all(names)) {
            awaitActive(dynamo, table.name());
        }
        return created;
    }

    /** Polls DescribeTable until the table is ACTIVE (at most 60 s). */
    public static void awaitActive(DynamoDb dynamo, String table) {
        long giveUpAt = System.nanoTime() + 60_000_000_000L;
        while (!"ACTIVE".equals(dynamo.tableStatus(table))) {
            if (System.nanoTime() > giveUpAt) {
                throw new IllegalStateException("table " + table + " did not become ACTIVE within 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + table, e);
            }
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    private static Table table(String name, Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator out = Wire.JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("TableName", name);
            out.writeStringField("BillingMode", "PAY_PER_REQUEST");
            fields.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Table(name, bytes.toByteArray());
    }

    /** @param namesAndTypes attribute name, type, name, type, … */
    private static void attributes(JsonGenerator out, String... namesAndTypes) throws IOException {
        out.writeArrayFieldStart("AttributeDefinitions");
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            out.writeStartObject();
            out.writeStringField("AttributeName", namesAndTypes[i]);
            out.writeStringField("AttributeType", namesAndTypes[i + 1]);
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void keySchema(JsonGenerator out, String partition, String sort) throws IOException {
        out.writeArrayFieldStart("KeySchema");
        key(out, partition, "HASH");
        if (sort != null) {
            key(out, sort, "RANGE");
        }
        out.writeEndArray();
    }

    private static void key(JsonGenerator out, String name, String type) throws IOException {
        out.writeStartObject();
        out.writeStringField("AttributeName", name);
        out.writeStringField("KeyType", type);
        out.writeEndObject();
    }

    private static void index(JsonGenerator out, String name, String partition, String sort) throws IOException {
        out.writeStartObject();
        out.writeStringField("IndexName", name);
        keySchema(out, partition, sort);
        out.writeObjectFieldStart("Projection");
        out.writeStringField("ProjectionType", "ALL");
        out.writeEndObject();
        out.writeEndObject();
    }
}
