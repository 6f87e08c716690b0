package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDb;
import dev.ordersprofiles.adapters.aws.dynamodb.TableDefinitions;
import dev.ordersprofiles.local.template.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates the template's tables on a DynamoDB endpoint when they are missing: keys and GSIs as the template has them. */
final class TableCreator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableCreator() {
    }

    /** @return the names of the tables created (existing ones are left alone) */
    static List<String> createMissing(DynamoDb dynamo, List<TableDef> tables) {
        Set<String> existing = new HashSet<>(dynamo.listTables());
        List<String> created = new ArrayList<>();
        for (TableDef table : tables) {
            if (existing.contains(table.name())) {
                continue;
            }
            try {
                dynamo.createTable(request(table));
                created.add(table.name());
            } catch (AwsServiceException error) {
                if (!error.is("ResourceInUseException")) {
                    throw error;
                }
                // someone else created it meanwhile
            }
            TableDefinitions.awaitActive(dynamo, table.name());
        }
        return created;
    }

    /** The CreateTable request body (DynamoDB JSON) for the template's table properties. */
    static byte[] request(TableDef table) {
        Map<String, Object> p = table.properties();
        ObjectNode request = JSON.createObjectNode()
                .put("TableName", table.name())
                .put("BillingMode", "PAY_PER_REQUEST");
        ArrayNode attributes = request.putArray("AttributeDefinitions");
        for (Map<String, Object> a : list(p.get("AttributeDefinitions"))) {
            attributes.addObject().put("AttributeName", text(a, "AttributeName"))
                    .put("AttributeType", text(a, "AttributeType"));
        }
        keys(request.putArray("KeySchema"), p.get("KeySchema"));
        List<Map<String, Object>> indexes = list(p.get("GlobalSecondaryIndexes"));
        if (!indexes.isEmpty()) {
            ArrayNode out = request.putArray("GlobalSecondaryIndexes");
            for (Map<String, Object> i : indexes) {
                ObjectNode index = out.addObject().put("IndexName", text(i, "IndexName"));
                keys(index.putArray("KeySchema"), i.get("KeySchema"));
                index.putObject("Projection").put("ProjectionType", text(map(i.get("Projection")), "ProjectionType"));
            }
        }
        try {
            return JSON.writeValueAsBytes(request);
        } catch (Exception e) {
            throw new IllegalStateException("could not write the CreateTable request of " + table.name(), e);
        }
    }

    private static void keys(ArrayNode out, Object schema) {
        for (Map<String, Object> k : list(schema)) {
            out.addObject().put("AttributeName", text(k, "AttributeName")).put("KeyType", text(k, "KeyType"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("table definition lacks " + key);
        }
        return String.valueOf(value);
    }
}
