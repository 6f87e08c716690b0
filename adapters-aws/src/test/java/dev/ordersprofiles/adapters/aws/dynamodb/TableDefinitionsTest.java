package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class TableDefinitionsTest {
    private static final Path TEMPLATE = Paths.get("..", "sam", "template.yaml");

    @Test
    void orders_are_keyed_by_order_id_with_the_two_indexes_of_the_design() {
        CreateTableRequest orders = TableDefinitions.orders("orders");

        assertThat(keys(orders.keySchema())).containsExactly("orderId");
        Map<String, List<String>> indexes = orders.globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndex::indexName, index -> keys(index.keySchema())));
        assertThat(indexes).containsOnly(
                Map.entry("byUser", List.of("userId", "createdAt")),
                Map.entry("pendingByDeadline", List.of("pendingShard", "ttlEpoch")));
        assertThat(orders.globalSecondaryIndexes())
                .allSatisfy(index -> assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL));
        assertThat(orders.attributeDefinitions().stream()
                .collect(Collectors.toMap(a -> a.attributeName(), a -> a.attributeTypeAsString())))
                .containsOnly(Map.entry("orderId", "S"), Map.entry("userId", "S"), Map.entry("createdAt", "S"),
                        Map.entry("pendingShard", "S"), Map.entry("ttlEpoch", "N"));
    }

    @Test
    void profiles_stream_new_and_old_images_and_idempotency_is_keyed_by_pk() {
        assertThat(keys(TableDefinitions.profiles("p").keySchema())).containsExactly("userId");
        assertThat(TableDefinitions.profiles("p").streamSpecification().streamViewType())
                .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(keys(TableDefinitions.idempotency("i").keySchema())).containsExactly("pk");
    }

    @Test
    void the_sam_template_declares_the_same_indexes_and_ttl() throws IOException {
        assumeTrue(Files.isRegularFile(TEMPLATE), "sam/template.yaml is not in this checkout");
        String template = Files.readString(TEMPLATE);

        for (GlobalSecondaryIndex index : TableDefinitions.orders("orders").globalSecondaryIndexes()) {
            assertThat(attributeNamesAfter(template, "IndexName: " + index.indexName(), 2))
                    .as("key of index " + index.indexName() + " in sam/template.yaml")
                    .isEqualTo(keys(index.keySchema()));
        }
        assertThat(attributeNamesAfter(template, "TimeToLiveSpecification:", 1)).containsExactly("ttlEpoch");
        assertThat(template).contains("StreamViewType: NEW_AND_OLD_IMAGES");
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

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(KeySchemaElement::attributeName).collect(Collectors.toList());
    }
}
