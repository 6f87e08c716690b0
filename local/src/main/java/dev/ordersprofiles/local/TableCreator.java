package dev.ordersprofiles.local;

import dev.ordersprofiles.local.template.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Creates the template's tables on a DynamoDB endpoint when they are missing: keys and GSIs as the template has them. */
final class TableCreator {
    private TableCreator() {
    }

    /** @return the names of the tables created (existing ones are left alone) */
    static List<String> createMissing(DynamoDbClient dynamo, List<TableDef> tables) {
        List<String> created = new ArrayList<>();
        for (TableDef table : tables) {
            try {
                dynamo.describeTable(b -> b.tableName(table.name()));
                continue;
            } catch (ResourceNotFoundException missing) {
                // create it below
            }
            try {
                dynamo.createTable(request(table));
                created.add(table.name());
            } catch (ResourceInUseException raced) {
                // someone else created it meanwhile
            }
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
        }
        return created;
    }

    private static CreateTableRequest request(TableDef table) {
        Map<String, Object> p = table.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(table.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(text(a, "AttributeName"))
                                .attributeType(text(a, "AttributeType")).build()).toList())
                .keySchema(keys(p.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = list(p.get("GlobalSecondaryIndexes")).stream()
                .map(i -> GlobalSecondaryIndex.builder().indexName(text(i, "IndexName"))
                        .keySchema(keys(i.get("KeySchema")))
                        .projection(Projection.builder().projectionType(
                                text(map(i.get("Projection")), "ProjectionType")).build())
                        .build())
                .toList();
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static List<KeySchemaElement> keys(Object schema) {
        return list(schema).stream().map(k -> KeySchemaElement.builder().attributeName(text(k, "AttributeName"))
                .keyType(text(k, "KeyType")).build()).toList();
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
