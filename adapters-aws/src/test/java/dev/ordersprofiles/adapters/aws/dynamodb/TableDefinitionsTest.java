package dev.ordersprofiles.adapters.aws.dynamodb;

import static dev.ordersprofiles.adapters.aws.testing.JsonTree.asArray;
import static dev.ordersprofiles.adapters.aws.testing.JsonTree.asObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordersprofiles.adapters.aws.testing.JsonTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CreateTable requests, read back from their JSON as DynamoDB will read them: keys, attribute types, indexes,
 * projections and the stream, and that sam/template.yaml says the same. That DynamoDB accepts them is proved on
 * dynalite by every integration test (Dynalite.freshTables).
 */
class TableDefinitionsTest {
    private static final Path TEMPLATE = Paths.get("..", "sam", "template.yaml");

    @Test
    void orders_are_keyed_by_order_id_with_the_two_indexes_of_the_design() {
        Map<String, Object> orders = request(TableDefinitions.orders("orders"), "orders");

        assertThat(orders).containsOnlyKeys("TableName", "BillingMode", "AttributeDefinitions", "KeySchema",
                "GlobalSecondaryIndexes");
        assertThat(keySchema(orders)).containsExactly(Map.entry("orderId", "HASH"));
        Map<String, Map<String, String>> indexes = new LinkedHashMap<>();
        for (Object index : asArray(orders.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> gsi = asObject(index);
            assertThat(gsi).containsOnlyKeys("IndexName", "KeySchema", "Projection");
            assertThat(gsi.get("Projection")).as("projection of " + gsi.get("IndexName"))
                    .isEqualTo(Map.of("ProjectionType", "ALL"));
            indexes.put((String) gsi.get("IndexName"), keySchema(gsi));
        }
        assertThat(indexes).containsOnlyKeys("byUser", "inFlightByDue");
        assertThat(indexes.get("byUser")).containsExactly(Map.entry("userId", "HASH"), Map.entry("createdAt", "RANGE"));
        assertThat(indexes.get("inFlightByDue"))
                .containsExactly(Map.entry("inFlightShard", "HASH"), Map.entry("dueEpoch", "RANGE"));
        assertThat(attributeTypes(orders)).containsOnly(Map.entry("orderId", "S"), Map.entry("userId", "S"),
                Map.entry("createdAt", "S"), Map.entry("inFlightShard", "S"), Map.entry("dueEpoch", "N"));
    }

    @Test
    void profiles_stream_new_and_old_images_and_idempotency_is_keyed_by_pk() {
        Map<String, Object> profiles = request(TableDefinitions.profiles("p"), "p");
        assertThat(keySchema(profiles)).containsExactly(Map.entry("userId", "HASH"));
        assertThat(attributeTypes(profiles)).containsOnly(Map.entry("userId", "S"));
        assertThat(profiles.get("StreamSpecification"))
                .isEqualTo(Map.of("StreamEnabled", true, "StreamViewType", "NEW_AND_OLD_IMAGES"));
        assertThat(profiles).doesNotContainKey("GlobalSecondaryIndexes");

        Map<String, Object> idempotency = request(TableDefinitions.idempotency("i"), "i");
        assertThat(keySchema(idempotency)).containsExactly(Map.entry("pk", "HASH"));
        assertThat(attributeTypes(idempotency)).containsOnly(Map.entry("pk", "S"));
        assertThat(idempotency).doesNotContainKeys("GlobalSecondaryIndexes", "StreamSpecification");
    }

    /** DynamoDB refuses a CreateTable whose AttributeDefinitions name an attribute that is not in any key. */
    @Test
    void every_defined_attribute_is_a_key_attribute_and_every_key_attribute_is_defined() {
        for (TableDefinitions.Table table : TableDefinitions.all(new TableNames("o", "p", "i"))) {
            Map<String, Object> request = request(table, table.name());
            Set<String> keyAttributes = new HashSet<>(keySchema(request).keySet());
            if (request.containsKey("GlobalSecondaryIndexes")) {
                asArray(request.get("GlobalSecondaryIndexes"))
                        .forEach(index -> keyAttributes.addAll(keySchema(asObject(index)).keySet()));
            }
            assertThat(attributeTypes(request).keySet()).as(table.name()).isEqualTo(keyAttributes);
        }
    }

    @Test
    void all_names_the_three_tables_in_order() {
        assertThat(TableDefinitions.all(new TableNames("o", "p", "i")))
                .extracting(TableDefinitions.Table::name).containsExactly("o", "p", "i");
    }

    @Test
    void the_sam_template_declares_the_same_indexes_and_ttl() throws IOException {
        assumeTrue(Files.isRegularFile(TEMPLATE), "sam/template.yaml is not in this checkout");
        String template = Files.readString(TEMPLATE);

        Map<String, Object> orders = request(TableDefinitions.orders("orders"), "orders");
        for (Object index : asArray(orders.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> gsi = asObject(index);
            assertThat(attributeNamesAfter(template, "IndexName: " + gsi.get("IndexName"), 2))
                    .as("key of index " + gsi.get("IndexName") + " in sam/template.yaml")
                    .isEqualTo(List.copyOf(keySchema(gsi).keySet()));
        }
        assertThat(attributeNamesAfter(template, "TimeToLiveSpecification:", 1)).containsExactly("ttlEpoch");
        assertThat(template).contains("StreamViewType: NEW_AND_OLD_IMAGES");
    }

    /** The request's JSON, after checking the parts every table shares: its name and on-demand billing. */
    private static Map<String, Object> request(TableDefinitions.Table table, String name) {
        assertThat(table.name()).isEqualTo(name);
        Map<String, Object> request = JsonTree.object(table.createTableJson());
        assertThat(request.get("TableName")).isEqualTo(name);
        assertThat(request.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(request).doesNotContainKey("ProvisionedThroughput");
        return request;
    }

    /** The KeySchema of a table or index as attribute name → key type, in order (HASH first). */
    private static Map<String, String> keySchema(Map<String, Object> tableOrIndex) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Object element : asArray(tableOrIndex.get("KeySchema"))) {
            Map<String, Object> key = asObject(element);
            assertThat(key).containsOnlyKeys("AttributeName", "KeyType");
            keys.put((String) key.get("AttributeName"), (String) key.get("KeyType"));
        }
        return keys;
    }

    private static Map<String, String> attributeTypes(Map<String, Object> request) {
        return asArray(request.get("AttributeDefinitions")).stream().map(JsonTree::asObject)
                .collect(Collectors.toMap(a -> (String) a.get("AttributeName"), a -> (String) a.get("AttributeType")));
    }

    private static List<String> attributeNamesAfter(String text, String marker, int count) {
        int at = text.indexOf(marker);
        assertThat(at).as(marker + " in sam/template.yaml").isNotNegative();
        Matcher names = Pattern.compile("AttributeName:\\s*(\\S+)").matcher(text.substring(at));
        List<String> found = new ArrayList<>();
        while (found.size() < count && names.find()) {
            found.add(names.group(1));
        }
        return found;
    }
}
