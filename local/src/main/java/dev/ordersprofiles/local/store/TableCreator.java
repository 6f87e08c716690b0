package dev.ordersprofiles.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.template.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the template's tables in the store when they are missing: attribute definitions, key schema and global
 * secondary indexes as the template has them. Streams and TTL are the stack's own (the store has neither), so
 * their specifications are read by {@link TableSpec}, not sent.
 */
public final class TableCreator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableCreator() {
    }

    /** @return the names of the tables created (existing ones are left alone) */
    public static List<String> createMissing(StoreClient store, List<TableDef> tables) {
        Set<String> existing = new HashSet<>();
        JsonNode page = JSON.createObjectNode();
        do {
            ObjectNode request = JSON.createObjectNode();
            if (page.has("LastEvaluatedTableName")) {
                request.set("ExclusiveStartTableName", page.get("LastEvaluatedTableName"));
            }
            page = store.require("ListTables", request);
            page.path("TableNames").forEach(n -> existing.add(n.asText()));
        } while (page.has("LastEvaluatedTableName"));
        List<String> created = new ArrayList<>();
        for (TableDef table : tables) {
            if (existing.contains(table.name())) {
                continue;
            }
            StoreClient.Answer answer = store.call("CreateTable", request(table));
            if (answer.ok()) {
                created.add(table.name());
                awaitActive(store, table.name());
            } else if (!answer.errorType().equals("ResourceInUseException")) {
                throw new StoreClient.StoreException("cannot create table " + table.name() + ": "
                        + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return created;
    }

    /** A DynamoDB API may keep a new table CREATING for a while (dynalite here is told not to). */
    private static void awaitActive(StoreClient store, String table) {
        long giveUpAt = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < giveUpAt) {
            JsonNode described = store.require("DescribeTable", JSON.createObjectNode().put("TableName", table));
            if ("ACTIVE".equals(described.path("Table").path("TableStatus").asText())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreClient.StoreException("interrupted while waiting for table " + table, e);
            }
        }
        throw new StoreClient.StoreException("table " + table + " did not become ACTIVE within 60 s");
    }

    /** The CreateTable request (DynamoDB JSON) for the template's table properties. */
    static ObjectNode request(TableDef table) {
        Map<String, Object> p = table.properties();
        ObjectNode request = JSON.createObjectNode()
                .put("TableName", table.name())
                .put("BillingMode", "PAY_PER_REQUEST");
        ArrayNode attributes = request.putArray("AttributeDefinitions");
        for (Map<String, Object> a : Props.list(p.get("AttributeDefinitions"))) {
            attributes.addObject().put("AttributeName", Props.text(a, "AttributeName"))
                    .put("AttributeType", Props.text(a, "AttributeType"));
        }
        keys(request.putArray("KeySchema"), p.get("KeySchema"));
        List<Map<String, Object>> indexes = Props.list(p.get("GlobalSecondaryIndexes"));
        if (!indexes.isEmpty()) {
            ArrayNode out = request.putArray("GlobalSecondaryIndexes");
            for (Map<String, Object> i : indexes) {
                ObjectNode index = out.addObject().put("IndexName", Props.text(i, "IndexName"));
                keys(index.putArray("KeySchema"), i.get("KeySchema"));
                Map<String, Object> projection = Props.map(i.get("Projection"));
                ObjectNode outProjection = index.putObject("Projection")
                        .put("ProjectionType", Props.text(projection, "ProjectionType"));
                if (projection.get("NonKeyAttributes") instanceof List<?> names) {
                    ArrayNode nonKey = outProjection.putArray("NonKeyAttributes");
                    names.forEach(n -> nonKey.add(String.valueOf(n)));
                }
            }
        }
        return request;
    }

    private static void keys(ArrayNode out, Object schema) {
        for (Map<String, Object> k : Props.list(schema)) {
            out.addObject().put("AttributeName", Props.text(k, "AttributeName"))
                    .put("KeyType", Props.text(k, "KeyType"));
        }
    }
}
