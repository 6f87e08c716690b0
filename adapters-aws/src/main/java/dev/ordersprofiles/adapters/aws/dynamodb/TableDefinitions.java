package dev.ordersprofiles.adapters.aws.dynamodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The three tables of DESIGN.md §5 as CreateTable requests: keys, attribute types and GSIs, on-demand billing.
 * sam/template.yaml declares the same tables; TTL ({@value #TTL_ATTRIBUTE}) and PITR are set there, not here
 * (dynalite has neither). Tests and the local stack create tables from these definitions.
 */
public final class TableDefinitions {
    public static final String ORDER_ID = "orderId";
    public static final String USER_ID = "userId";
    public static final String IDEMPOTENCY_KEY = "pk";
    public static final String TTL_ATTRIBUTE = "ttlEpoch";
    public static final String PENDING_SHARD = "pendingShard";
    public static final String CREATED_AT = "createdAt";
    /** GSI of orders: partition userId (S), sort createdAt (S), projection ALL. */
    public static final String BY_USER_INDEX = "byUser";
    /** Sparse GSI of orders: partition pendingShard (S), sort ttlEpoch (N), projection ALL; only PENDING orders. */
    public static final String PENDING_INDEX = "pendingByDeadline";

    private TableDefinitions() {
    }

    public static CreateTableRequest orders(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(ORDER_ID, ScalarAttributeType.S),
                        attribute(USER_ID, ScalarAttributeType.S),
                        attribute(CREATED_AT, ScalarAttributeType.S),
                        attribute(PENDING_SHARD, ScalarAttributeType.S),
                        attribute(TTL_ATTRIBUTE, ScalarAttributeType.N))
                .keySchema(hash(ORDER_ID))
                .globalSecondaryIndexes(
                        index(BY_USER_INDEX, USER_ID, CREATED_AT),
                        index(PENDING_INDEX, PENDING_SHARD, TTL_ATTRIBUTE))
                .build();
    }

    public static CreateTableRequest profiles(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(USER_ID, ScalarAttributeType.S))
                .keySchema(hash(USER_ID))
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build();
    }

    public static CreateTableRequest idempotency(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(IDEMPOTENCY_KEY, ScalarAttributeType.S))
                .keySchema(hash(IDEMPOTENCY_KEY))
                .build();
    }

    public static List<CreateTableRequest> all(TableNames names) {
        return List.of(orders(names.orders()), profiles(names.profiles()), idempotency(names.idempotency()));
    }

    /**
     * Creates whichever of the three tables do not exist yet and waits until all are ACTIVE.
     *
     * @return the names of the tables it created
     */
    public static List<String> createMissing(DynamoDbClient dynamo, TableNames names) {
        Set<String> existing = new HashSet<>();
        String start = null;
        do {
            ListTablesResponse page = dynamo.listTables(ListTablesRequest.builder().exclusiveStartTableName(start).build());
            existing.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        List<String> created = new ArrayList<>();
        for (CreateTableRequest request : all(names)) {
            if (!existing.contains(request.tableName())) {
                try {
                    dynamo.createTable(request);
                    created.add(request.tableName());
                } catch (ResourceInUseException createdConcurrently) {
                    // someone else created it in the meantime: fine, we wait for it below
                }
            }
        }
        for (CreateTableRequest request : all(names)) {
            awaitActive(dynamo, request.tableName());
        }
        return created;
    }

    private static void awaitActive(DynamoDbClient dynamo, String table) {
        long giveUpAt = System.nanoTime() + 60_000_000_000L;
        while (true) {
            DescribeTableResponse described = dynamo.describeTable(b -> b.tableName(table));
            if (described.table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
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

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static GlobalSecondaryIndex index(String name, String partition, String sort) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(hash(partition),
                        KeySchemaElement.builder().attributeName(sort).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
