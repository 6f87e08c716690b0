package dev.ordersprofiles.adapters.aws.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.adapters.aws.client.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The DynamoDB operations the adapters use, over {@link AwsJsonClient}: GetItem, PutItem, Query, and for tests
 * and the local stack ListTables, CreateTable and DescribeTable. Requests are written and responses read with the
 * streaming JSON API. Thread-safe.
 */
public final class DynamoDb {
    static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailedException";

    private final AwsJsonClient client;

    public DynamoDb(AwsJsonClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** See {@link AwsJsonClient#afterRestore()}. */
    public void afterRestore() {
        client.afterRestore();
    }

    /** A conditional write whose condition was false; with ALL_OLD asked for, the item that made it so. */
    public static final class ConditionFailed extends RuntimeException {
        private final transient Optional<Map<String, AttributeValue>> item;

        ConditionFailed(String table, Optional<Map<String, AttributeValue>> item, AwsServiceException cause) {
            super("condition failed on " + table, cause, false, false);
            this.item = item;
        }

        public Optional<Map<String, AttributeValue>> item() {
            return item;
        }
    }

    /** A PutItem; {@code condition} may be null (an unconditional put). */
    public record Put(String table, Map<String, AttributeValue> item, String condition, Map<String, String> names,
                      Map<String, AttributeValue> values, boolean returnOldOnConditionFailure) {
        public Put {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(item, "item");
            names = names == null ? Map.of() : names;
            values = values == null ? Map.of() : values;
        }

        public static Put unconditional(String table, Map<String, AttributeValue> item) {
            return new Put(table, item, null, Map.of(), Map.of(), false);
        }
    }

    /** A Query; {@code index} may be null (the table), {@code limit} 0 (DynamoDB's 1 MB pages), start null. */
    public record Query(String table, String index, String keyCondition, Map<String, String> names,
                        Map<String, AttributeValue> values, boolean forward, int limit,
                        Map<String, AttributeValue> exclusiveStartKey) {
        public Query {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(keyCondition, "keyCondition");
            names = names == null ? Map.of() : names;
            values = values == null ? Map.of() : values;
        }
    }

    /** One page of a query; {@code lastEvaluatedKey} is empty on the last page. */
    public record QueryPage(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {
        public boolean hasMore() {
            return !lastEvaluatedKey.isEmpty();
        }
    }

    public Optional<Map<String, AttributeValue>> getItem(String table, Map<String, AttributeValue> key,
                                                         boolean consistentRead) {
        byte[] request = json(out -> {
            out.writeStringField("TableName", table);
            out.writeFieldName("Key");
            ItemJson.writeItem(out, key);
            out.writeBooleanField("ConsistentRead", consistentRead);
        });
        byte[] response = client.call("GetItem", request);
        return read(response, in -> {
            Map<String, AttributeValue> item = Map.of();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                in.nextToken();
                if (name.equals("Item")) {
                    item = ItemJson.readItem(in);
                } else {
                    in.skipChildren();
                }
            }
            return item.isEmpty() ? Optional.empty() : Optional.of(item);
        });
    }

    /** @throws ConditionFailed when the put's condition is false */
    public void putItem(Put put) {
        byte[] request = json(out -> {
            out.writeStringField("TableName", put.table());
            out.writeFieldName("Item");
            ItemJson.writeItem(out, put.item());
            if (put.condition() != null) {
                out.writeStringField("ConditionExpression", put.condition());
                expression(out, put.names(), put.values());
                if (put.returnOldOnConditionFailure()) {
                    out.writeStringField("ReturnValuesOnConditionCheckFailure", "ALL_OLD");
                }
            }
        });
        try {
            client.call("PutItem", request);
        } catch (AwsServiceException error) {
            if (error.is(CONDITIONAL_CHECK_FAILED)) {
                throw new ConditionFailed(put.table(), oldItem(error.body()), error);
            }
            throw error;
        }
    }

    public QueryPage query(Query query) {
        byte[] request = json(out -> {
            out.writeStringField("TableName", query.table());
            if (query.index() != null) {
                out.writeStringField("IndexName", query.index());
            }
            out.writeStringField("KeyConditionExpression", query.keyCondition());
            expression(out, query.names(), query.values());
            out.writeBooleanField("ScanIndexForward", query.forward());
            if (query.limit() > 0) {
                out.writeNumberField("Limit", query.limit());
            }
            if (query.exclusiveStartKey() != null && !query.exclusiveStartKey().isEmpty()) {
                out.writeFieldName("ExclusiveStartKey");
                ItemJson.writeItem(out, query.exclusiveStartKey());
            }
        });
        byte[] response = client.call("Query", request);
        return read(response, in -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            Map<String, AttributeValue> last = Map.of();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (name.equals("Items") && value == JsonToken.START_ARRAY) {
                    while (in.nextToken() == JsonToken.START_OBJECT) {
                        items.add(ItemJson.readItem(in));
                    }
                } else if (name.equals("LastEvaluatedKey") && value == JsonToken.START_OBJECT) {
                    last = ItemJson.readItem(in);
                } else {
                    in.skipChildren();
                }
            }
            return new QueryPage(items, last);
        });
    }

    /** All table names (ListTables, every page). */
    public List<String> listTables() {
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            byte[] response = client.call("ListTables", json(out -> {
                if (from != null) {
                    out.writeStringField("ExclusiveStartTableName", from);
                }
            }));
            start = read(response, in -> {
                String next = null;
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    JsonToken value = in.nextToken();
                    if (name.equals("TableNames") && value == JsonToken.START_ARRAY) {
                        while (in.nextToken() == JsonToken.VALUE_STRING) {
                            names.add(in.getText());
                        }
                    } else if (name.equals("LastEvaluatedTableName") && value == JsonToken.VALUE_STRING) {
                        next = in.getText();
                    } else {
                        in.skipChildren();
                    }
                }
                return next;
            });
        } while (start != null);
        return names;
    }

    /** CreateTable with a request body in DynamoDB's JSON (see {@link TableDefinitions}). */
    public void createTable(byte[] requestJson) {
        client.call("CreateTable", requestJson);
    }

    /** The table's TableStatus (CREATING, ACTIVE, …). */
    public String tableStatus(String table) {
        byte[] response = client.call("DescribeTable", json(out -> out.writeStringField("TableName", table)));
        return read(response, in -> {
            String status = null;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (name.equals("Table") && value == JsonToken.START_OBJECT) {
                    while (in.nextToken() == JsonToken.FIELD_NAME) {
                        String field = in.currentName();
                        JsonToken inner = in.nextToken();
                        if (field.equals("TableStatus") && inner == JsonToken.VALUE_STRING) {
                            status = in.getText();
                        } else {
                            in.skipChildren();
                        }
                    }
                } else {
                    in.skipChildren();
                }
            }
            if (status == null) {
                throw new IOException("DescribeTable answered no TableStatus");
            }
            return status;
        });
    }

    private static void expression(JsonGenerator out, Map<String, String> names, Map<String, AttributeValue> values)
            throws IOException {
        if (!names.isEmpty()) {
            out.writeObjectFieldStart("ExpressionAttributeNames");
            for (Map.Entry<String, String> name : names.entrySet()) {
                out.writeStringField(name.getKey(), name.getValue());
            }
            out.writeEndObject();
        }
        if (!values.isEmpty()) {
            out.writeFieldName("ExpressionAttributeValues");
            ItemJson.writeItem(out, values);
        }
    }

    private static Optional<Map<String, AttributeValue>> oldItem(byte[] errorBody) {
        if (errorBody.length == 0) {
            return Optional.empty();
        }
        try {
            return read(errorBody, in -> {
                Map<String, AttributeValue> item = Map.of();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    JsonToken value = in.nextToken();
                    if (name.equals("Item") && value == JsonToken.START_OBJECT) {
                        item = ItemJson.readItem(in);
                    } else {
                        in.skipChildren();
                    }
                }
                return item.isEmpty() ? Optional.empty() : Optional.of(item);
            });
        } catch (UncheckedIOException unreadable) {
            return Optional.empty();
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonParser in) throws IOException;
    }

    private static byte[] json(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = Wire.JSON.createGenerator(bytes)) {
            out.writeStartObject();
            fields.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a response object; {@code reader} starts on its START_OBJECT and reads its fields. */
    private static <T> T read(byte[] body, Reader<T> reader) {
        try (JsonParser in = Wire.JSON.createParser(body)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("DynamoDB did not answer a JSON object");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable DynamoDB response", e);
        }
    }
}
