package dev.ordersprofiles.cli.export;

import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Order-shaped items in a dynalite table, written through the DynamoDB API with the AWS SDK. */
public final class ExportFixture {
    public static final List<String> STATUSES =
            List.of("PENDING", "VALIDATED", "RESERVED", "CHARGED", "CONFIRMED", "EXPIRED", "FAILED");

    private ExportFixture() {
    }

    public static DynamoDbClient sdk() {
        return DynamoDbClient.builder()
                .endpointOverride(Dynalite.shared().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static void createOrdersTable(DynamoDbClient dynamo, String name) {
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("orderId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("orderId").keyType(KeyType.HASH)));
        // dynalite makes even a "0 ms" table ACTIVE asynchronously: on a busy machine the first PutItem could
        // still meet ResourceNotFoundException (seen in a full build), so wait as a DynamoDB client should
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (dynamo.describeTable(b -> b.tableName(name)).table().tableStatus()
                != software.amazon.awssdk.services.dynamodb.model.TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + name + " did not become ACTIVE in 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * {@code count} orders, i-th with status STATUSES[i % 7], amount (i + 1) * 10.25, created on one of three days,
     * updated {@code updatedAt}; every 5th one carries the attribute types the orders do not use (a binary, sets,
     * NULL, BOOL), so the export's DynamoDB JSON covers them.
     */
    public static List<Map<String, AttributeValue>> putOrders(DynamoDbClient dynamo, String table, int count,
                                                             Instant updatedAt) {
        List<Map<String, AttributeValue>> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("orderId", s("o-" + i));
            item.put("userId", s("u-" + (i % 3)));
            item.put("status", s(STATUSES.get(i % STATUSES.size())));
            item.put("amount", AttributeValue.fromN(amount(i).toPlainString()));
            item.put("createdAt", s("2026-11-0" + (1 + i % 3) + "T10:00:00.000Z"));
            item.put("updatedAt", s(updatedAt.toString()));
            item.put("version", AttributeValue.fromN(Integer.toString(i % 4)));
            item.put("items", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                    "sku", s("A-" + i), "qty", AttributeValue.fromN(Integer.toString(1 + i % 5)))))));
            if (i % 5 == 0) {
                item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) i, -1})));
                item.put("tags", AttributeValue.fromSs(List.of("a", "b\"quoted\"", "ünï")));
                item.put("scores", AttributeValue.fromNs(List.of("1", "2.5")));
                item.put("gone", AttributeValue.fromNul(true));
                item.put("flag", AttributeValue.fromBool(i % 2 == 0));
            }
            dynamo.putItem(b -> b.tableName(table).item(item));
            written.add(item);
        }
        return written;
    }

    public static BigDecimal amount(int i) {
        return new BigDecimal("10.25").multiply(BigDecimal.valueOf(i + 1L));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
