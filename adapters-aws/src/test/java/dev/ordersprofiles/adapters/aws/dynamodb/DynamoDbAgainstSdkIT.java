package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsService;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.adapters.aws.client.RetryPolicy;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.adapters.aws.testing.JsonTree;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Our DynamoDB client ({@link DynamoDb}) against the AWS SDK's, on the same dynalite: what one writes the other
 * reads, attribute for attribute, for every type the adapters use (S, N with decimals, BOOL, NULL, nested M and L);
 * failed conditions, query pages on an index and service errors come back the same way. This is the proof that our
 * wire format is the SDK's (which AWS serves): the SDK is the oracle, dynalite only the meeting place.
 *
 * <p>Both clients read each item back through the same wire: where they must agree they are compared exactly,
 * and only the comparison with what was written lets numbers differ in form, since DynamoDB keeps a number's value,
 * not its text ("12.50" comes back as "12.5"). Where dynalite cannot serve as the meeting place (it ignores
 * ReturnValuesOnConditionCheckFailure), and to compare the requests themselves, both clients talk to a stub
 * endpoint instead.
 */
class DynamoDbAgainstSdkIT {
    private static final String PK = TableDefinitions.IDEMPOTENCY_KEY;

    private static DynamoDb ours;
    private static DynamoDbClient sdk;
    private static TableNames tables;

    @BeforeAll
    static void clients() {
        Dynalite dynalite = Dynalite.shared();
        ours = dynalite.dynamoDb();
        sdk = SdkOracle.client(dynalite.endpoint());
        tables = dynalite.freshTables();
    }

    @AfterAll
    static void close() {
        sdk.close();
    }

    @Test
    void an_item_we_write_is_the_item_the_sdk_reads() {
        Map<String, AttributeValue> item = everyType("ours-writes");

        ours.putItem(DynamoDb.Put.unconditional(table(), item));

        Map<String, AttributeValue> readBySdk = sdkGet("ours-writes").orElseThrow();
        assertThat(numbersByValue(readBySdk)).isEqualTo(numbersByValue(item));
        assertThat(readBySdk.get("price").n()).isIn("12.50", "12.5");
        assertThat(ours.getItem(table(), key("ours-writes"), true)).contains(readBySdk);
    }

    @Test
    void an_item_the_sdk_writes_is_the_item_we_read() {
        Map<String, AttributeValue> item = everyType("sdk-writes");

        sdk.putItem(b -> b.tableName(table()).item(SdkOracle.toSdk(item)));

        Map<String, AttributeValue> readByUs = ours.getItem(table(), key("sdk-writes"), true).orElseThrow();
        assertThat(numbersByValue(readByUs)).isEqualTo(numbersByValue(item));
        assertThat(readByUs).isEqualTo(sdkGet("sdk-writes").orElseThrow());
        assertThat(readByUs.get("text").s()).isEqualTo(item.get("text").s());
    }

    @Test
    void a_missing_item_is_empty_for_both() {
        assertThat(ours.getItem(table(), key("nobody"), true)).isEmpty();
        assertThat(ours.getItem(table(), key("nobody"), false)).isEmpty();
        assertThat(sdkGet("nobody")).isEmpty();
    }

    @Test
    void types_we_never_write_pass_through_our_client_unchanged() {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> foreign = new LinkedHashMap<>();
        foreign.put(PK, sdkS("foreign"));
        foreign.put("tags", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(List.of("a", "b")));
        foreign.put("scores",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(List.of("1", "2.5")));
        foreign.put("blob", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(
                SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})));
        foreign.put("blobs", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(
                List.of(SdkBytes.fromByteArray(new byte[] {7}))));
        sdk.putItem(b -> b.tableName(table()).item(foreign));

        Map<String, AttributeValue> read = ours.getItem(table(), key("foreign"), true).orElseThrow();
        assertThat(read.get("tags").type()).isEqualTo("SS");
        assertThat(read.get("scores").type()).isEqualTo("NS");
        assertThat(read.get("blob").type()).isEqualTo("B");
        assertThat(read.get("blobs").type()).isEqualTo("BS");
        Map<String, AttributeValue> copy = new LinkedHashMap<>(read);
        copy.put(PK, AttributeValue.fromS("foreign-copy"));
        ours.putItem(DynamoDb.Put.unconditional(table(), copy));

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> expected =
                new LinkedHashMap<>(foreign);
        expected.put(PK, sdkS("foreign-copy"));
        assertThat(sdk.getItem(b -> b.tableName(table()).key(Map.of(PK, sdkS("foreign-copy"))).consistentRead(true))
                .item()).isEqualTo(expected);
    }

    @Test
    void a_failed_condition_is_condition_failed_and_leaves_the_item_alone() {
        Map<String, AttributeValue> original = simple("taken", "1");
        ours.putItem(DynamoDb.Put.unconditional(table(), original));
        Map<String, AttributeValue> intruder = simple("taken", "2");

        for (boolean returnOld : new boolean[] {false, true}) {
            DynamoDb.ConditionFailed failed = catchThrowableOfType(DynamoDb.ConditionFailed.class,
                    () -> ours.putItem(new DynamoDb.Put(table(), intruder, "attribute_not_exists(#pk)",
                            Map.of("#pk", PK), Map.of(), returnOld)));
            assertThat(failed).as("ConditionFailed (ALL_OLD: " + returnOld + ")").isNotNull()
                    .hasMessageContaining(table());
            assertThat(failed.getCause()).isInstanceOfSatisfying(AwsServiceException.class, cause -> {
                assertThat(cause.errorCode()).isEqualTo("ConditionalCheckFailedException");
                assertThat(cause.statusCode()).isEqualTo(400);
            });

            ConditionalCheckFailedException bySdk = catchThrowableOfType(ConditionalCheckFailedException.class,
                    () -> sdk.putItem(b -> b.tableName(table()).item(SdkOracle.toSdk(intruder))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", PK))
                            .returnValuesOnConditionCheckFailure(returnOld
                                    ? ReturnValuesOnConditionCheckFailure.ALL_OLD
                                    : ReturnValuesOnConditionCheckFailure.NONE)));
            assertThat(bySdk).as("the SDK's ConditionalCheckFailedException").isNotNull();
            Optional<Map<String, AttributeValue>> sdkOld = bySdk.hasItem() && !bySdk.item().isEmpty()
                    ? Optional.of(SdkOracle.fromSdk(bySdk.item()))
                    : Optional.empty();
            assertThat(failed.item()).as("the old item, as the SDK sees it (ALL_OLD: " + returnOld + ")")
                    .isEqualTo(sdkOld);
            // dynalite ignores ReturnValuesOnConditionCheckFailure: neither client gets the item, even with ALL_OLD
            // (on AWS both would; DynamoDbIdempotencyStore falls back to a GetItem for dynalite's sake)
            assertThat(failed.item()).isEmpty();
        }
        assertThat(sdkGet("taken").map(this::numbersByValue)).contains(numbersByValue(original));
    }

    @Test
    void a_condition_on_names_and_values_is_evaluated_as_the_sdk_sends_it() {
        ours.putItem(DynamoDb.Put.unconditional(table(), simple("versioned", "1")));
        String condition = "#v = :v AND #s = :s";
        Map<String, String> names = Map.of("#v", "version", "#s", "status");

        assertThatThrownBy(() -> ours.putItem(new DynamoDb.Put(table(), simple("versioned", "3"), condition, names,
                Map.of(":v", AttributeValue.fromN("2"), ":s", AttributeValue.fromS("PENDING")), false)))
                .isInstanceOf(DynamoDb.ConditionFailed.class);
        ours.putItem(new DynamoDb.Put(table(), simple("versioned", "2"), condition, names,
                Map.of(":v", AttributeValue.fromN("1"), ":s", AttributeValue.fromS("PENDING")), false));
        assertThatThrownBy(() -> sdk.putItem(b -> b.tableName(table()).item(SdkOracle.toSdk(simple("versioned", "3")))
                .conditionExpression(condition).expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":v", sdkN("1"), ":s", sdkS("PENDING")))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        assertThat(sdkGet("versioned").orElseThrow().get("version").n()).isEqualTo("2");
    }

    @Test
    void query_pages_on_an_index_with_limit_and_start_key_are_the_sdks_pages() {
        String orders = tables.orders();
        List<Map<String, AttributeValue>> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add(order("pager", i));
        }
        for (int i = 0; i < 3; i++) {
            written.add(order("someone-else", i));
        }
        written.forEach(item -> ours.putItem(DynamoDb.Put.unconditional(orders, item)));
        List<Map<String, AttributeValue>> pagers = written.subList(0, 7);

        for (boolean forward : new boolean[] {true, false}) {
            List<DynamoDb.QueryPage> ourPages = ourPages(orders, "#u = :u",
                    Map.of(":u", AttributeValue.fromS("pager")), forward);
            List<QueryResponse> sdkPages = sdkPages(orders, "#u = :u", Map.of(":u", sdkS("pager")), forward);

            assertThat(ourPages).extracting(page -> page.items().size()).containsExactly(3, 3, 1);
            assertThat(ourPages).extracting(DynamoDb.QueryPage::hasMore).containsExactly(true, true, false);
            assertThat(ourPages).hasSameSizeAs(sdkPages);
            for (int p = 0; p < ourPages.size(); p++) {
                assertThat(ourPages.get(p).items()).as("page " + p)
                        .isEqualTo(SdkOracle.fromSdk(sdkPages.get(p).items()));
                assertThat(ourPages.get(p).lastEvaluatedKey()).as("LastEvaluatedKey of page " + p)
                        .isEqualTo(SdkOracle.fromSdk(sdkPages.get(p).lastEvaluatedKey()));
            }
            List<Map<String, AttributeValue>> expected = new ArrayList<>(pagers);
            if (!forward) {
                Collections.reverse(expected);
            }
            assertThat(ourPages.stream().flatMap(page -> page.items().stream()).map(this::numbersByValue).toList())
                    .isEqualTo(expected.stream().map(this::numbersByValue).toList());
        }

        List<DynamoDb.QueryPage> forwardPages = ourPages(orders, "#u = :u",
                Map.of(":u", AttributeValue.fromS("pager")), true);
        QueryResponse sdkSecond = sdk.query(sdkQuery(orders, "#u = :u", Map.of(":u", sdkS("pager")), true)
                .exclusiveStartKey(SdkOracle.toSdk(forwardPages.get(0).lastEvaluatedKey())).build());
        assertThat(SdkOracle.fromSdk(sdkSecond.items())).as("the SDK continues from our LastEvaluatedKey")
                .isEqualTo(forwardPages.get(1).items());
        assertThat(SdkOracle.fromSdk(sdkSecond.lastEvaluatedKey())).isEqualTo(forwardPages.get(1).lastEvaluatedKey());
    }

    @Test
    void a_key_condition_on_the_sort_key_selects_the_same_items() {
        String orders = tables.orders();
        for (int i = 0; i < 5; i++) {
            ours.putItem(DynamoDb.Put.unconditional(orders, order("ranged", i)));
        }
        String condition = "#u = :u AND #c BETWEEN :from AND :to";
        Map<String, AttributeValue> values = Map.of(":u", AttributeValue.fromS("ranged"),
                ":from", AttributeValue.fromS(createdAt(1)), ":to", AttributeValue.fromS(createdAt(3)));

        List<DynamoDb.QueryPage> ourPages = ourPages(orders, condition, values, true);
        List<QueryResponse> sdkPages = sdkPages(orders, condition, SdkOracle.toSdk(values), true);

        List<Map<String, AttributeValue>> ourItems = ourPages.stream().flatMap(page -> page.items().stream()).toList();
        assertThat(ourItems).extracting(item -> item.get("createdAt").s())
                .containsExactly(createdAt(1), createdAt(2), createdAt(3));
        assertThat(ourItems).isEqualTo(sdkPages.stream()
                .flatMap(page -> SdkOracle.fromSdk(page.items()).stream()).toList());
    }

    @Test
    void a_missing_table_is_resource_not_found_for_both() {
        AwsServiceException ourError = catchThrowableOfType(AwsServiceException.class,
                () -> ours.getItem("no-such-table-" + System.nanoTime(), key("x"), true));
        ResourceNotFoundException sdkError = catchThrowableOfType(ResourceNotFoundException.class,
                () -> sdk.getItem(b -> b.tableName("no-such-table-" + System.nanoTime()).key(Map.of(PK, sdkS("x")))));

        assertThat(ourError).isNotNull();
        assertThat(sdkError).isNotNull();
        assertThat(ourError.errorCode()).isEqualTo("ResourceNotFoundException")
                .isEqualTo(sdkError.awsErrorDetails().errorCode());
        assertThat(ourError.is("ResourceNotFoundException")).isTrue();
        assertThat(ourError.statusCode()).isEqualTo(400).isEqualTo(sdkError.statusCode());
        assertThat(ourError.service()).isEqualTo("DynamoDB");
        assertThat(ourError).hasMessageContaining("GetItem").hasMessageContaining("ResourceNotFoundException");
    }

    @Test
    void an_invalid_request_is_a_validation_error_for_both() {
        AwsServiceException ourError = catchThrowableOfType(AwsServiceException.class,
                () -> ours.query(new DynamoDb.Query(tables.orders(), TableDefinitions.BY_USER_INDEX, "#u = :u",
                        Map.of("#u", "userId"), Map.of(), true, 0, null)));
        DynamoDbException sdkError = catchThrowableOfType(DynamoDbException.class,
                () -> sdk.query(b -> b.tableName(tables.orders()).indexName(TableDefinitions.BY_USER_INDEX)
                        .keyConditionExpression("#u = :u").expressionAttributeNames(Map.of("#u", "userId"))));

        assertThat(ourError).isNotNull();
        assertThat(sdkError).isNotNull();
        assertThat(ourError.errorCode()).isEqualTo("ValidationException")
                .isEqualTo(sdkError.awsErrorDetails().errorCode());
        assertThat(ourError.statusCode()).isEqualTo(sdkError.statusCode());
    }

    @Test
    void table_listing_and_status_are_the_sdks() {
        List<String> sdkNames = sdk.listTablesPaginator().tableNames().stream().collect(Collectors.toList());

        assertThat(ours.listTables()).isEqualTo(sdkNames).contains(tables.orders(), tables.profiles());
        assertThat(ours.tableStatus(tables.orders()))
                .isEqualTo(sdk.describeTable(b -> b.tableName(tables.orders())).table().tableStatusAsString())
                .isEqualTo("ACTIVE");
    }

    /**
     * The tables our CreateTable JSON made, as the SDK describes them: the JSON was read as it was meant (keys,
     * attribute types, indexes and projections; dynalite keeps no StreamSpecification).
     */
    @Test
    void the_tables_we_create_are_the_tables_the_sdk_describes() {
        TableDescription orders = sdk.describeTable(b -> b.tableName(tables.orders())).table();
        assertThat(orders.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("orderId:HASH");
        assertThat(orders.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder(TableDefinitions.BY_USER_INDEX, TableDefinitions.IN_FLIGHT_INDEX);
        for (GlobalSecondaryIndexDescription index : orders.globalSecondaryIndexes()) {
            assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL");
            assertThat(index.keySchema()).extracting(k -> k.keyTypeAsString()).containsExactly("HASH", "RANGE");
        }
        assertThat(orders.attributeDefinitions()).extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .containsExactlyInAnyOrder("orderId:S", "userId:S", "createdAt:S", "inFlightShard:S", "dueEpoch:N");

        TableDescription profiles = sdk.describeTable(b -> b.tableName(tables.profiles())).table();
        assertThat(profiles.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("userId:HASH");
        // dynalite has no streams and drops StreamSpecification, so TableDefinitionsTest alone checks that one

        TableDescription idempotency = sdk.describeTable(b -> b.tableName(tables.idempotency())).table();
        assertThat(idempotency.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("pk:HASH");
    }

    /**
     * Both clients make the same requests, compared as JSON on a stub endpoint: a conditional PutItem with names,
     * values and ALL_OLD, a strongly consistent GetItem, and a Query on an index with Limit and ExclusiveStartKey.
     */
    @Test
    void our_requests_are_the_json_the_sdk_sends() throws IOException {
        try (Stub stub = new Stub()) {
            DynamoDb viaStub = stub.ours();
            DynamoDbClient sdkViaStub = stub.sdk();
            Map<String, AttributeValue> item = everyType("stubbed");

            stub.answer(200, "{}");
            viaStub.putItem(new DynamoDb.Put("t", item, "attribute_not_exists(#pk) OR #v < :v", Map.of("#pk", PK,
                    "#v", "version"), Map.of(":v", AttributeValue.fromN("3")), true));
            sdkViaStub.putItem(b -> b.tableName("t").item(SdkOracle.toSdk(item))
                    .conditionExpression("attribute_not_exists(#pk) OR #v < :v")
                    .expressionAttributeNames(Map.of("#pk", PK, "#v", "version"))
                    .expressionAttributeValues(Map.of(":v", sdkN("3")))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            stub.assertSameRequests("DynamoDB_20120810.PutItem");

            viaStub.getItem("t", key("stubbed"), true);
            sdkViaStub.getItem(b -> b.tableName("t").key(Map.of(PK, sdkS("stubbed"))).consistentRead(true));
            stub.assertSameRequests("DynamoDB_20120810.GetItem");

            stub.answer(200, "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}");
            Map<String, AttributeValue> start = order("pager", 2);
            viaStub.query(new DynamoDb.Query("t", TableDefinitions.BY_USER_INDEX, "#u = :u",
                    Map.of("#u", TableDefinitions.USER_ID), Map.of(":u", AttributeValue.fromS("pager")), false, 3,
                    start));
            sdkViaStub.query(sdkQuery("t", "#u = :u", Map.of(":u", sdkS("pager")), false)
                    .exclusiveStartKey(SdkOracle.toSdk(start)).build());
            stub.assertSameRequests("DynamoDB_20120810.Query");
        }
    }

    /**
     * What AWS answers a failed condition with ALL_OLD (dynalite does not): the old item in the error body. Our
     * ConditionFailed carries the item the SDK's ConditionalCheckFailedException carries, from the same bytes.
     */
    @Test
    void a_failed_condition_with_all_old_carries_the_item_as_the_sdk_reads_it() throws IOException {
        Map<String, AttributeValue> old = everyType("holder");
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\",\"Item\":" + json(old) + "}";
        try (Stub stub = new Stub()) {
            stub.answer(400, body);
            DynamoDb.ConditionFailed failed = catchThrowableOfType(DynamoDb.ConditionFailed.class,
                    () -> stub.ours().putItem(new DynamoDb.Put("t", simple("holder", "2"), "attribute_not_exists(#pk)",
                            Map.of("#pk", PK), Map.of(), true)));
            ConditionalCheckFailedException bySdk = catchThrowableOfType(ConditionalCheckFailedException.class,
                    () -> stub.sdk().putItem(b -> b.tableName("t").item(SdkOracle.toSdk(simple("holder", "2")))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", PK))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

            assertThat(bySdk.item()).isEqualTo(SdkOracle.toSdk(old));
            assertThat(failed.item()).contains(SdkOracle.fromSdk(bySdk.item())).contains(old);
        }
    }

    // --- items ---

    /** One attribute of every type and shape the adapters write, with awkward text and numbers. */
    private static Map<String, AttributeValue> everyType(String key) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, AttributeValue.fromS(key));
        item.put("text",
                AttributeValue.fromS("Ünïcödé ✓ 𝄞 \"quoted\" back\\slash /slash\ttab\nnewline \u0001 <&>"));
        item.put("price", AttributeValue.fromN("12.50"));
        item.put("negative", AttributeValue.fromN("-3"));
        item.put("tiny", AttributeValue.fromN("0.000001"));
        item.put("huge", AttributeValue.fromN("12345678901234567890123456789.123456789"));
        item.put("zero", AttributeValue.fromN("0"));
        item.put("epoch", AttributeValue.fromN("1795960800"));
        item.put("yes", AttributeValue.fromBool(true));
        item.put("no", AttributeValue.fromBool(false));
        item.put("nothing", AttributeValue.fromNul());
        item.put("lines", AttributeValue.fromL(List.of(
                AttributeValue.fromM(Map.of("sku", AttributeValue.fromS("A-1"), "qty", AttributeValue.fromN("2"))),
                AttributeValue.fromM(Map.of("sku", AttributeValue.fromS("B_7"), "qty", AttributeValue.fromN("1"))))));
        item.put("nested", AttributeValue.fromM(Map.of(
                "deeper", AttributeValue.fromM(Map.of(
                        "mixed", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("2.50"),
                                AttributeValue.fromBool(false), AttributeValue.fromNul(),
                                AttributeValue.fromL(List.of(AttributeValue.fromN("-0.5"))))))),
                "reason", AttributeValue.fromNul(),
                "count", AttributeValue.fromN("10"))));
        item.put("emptyList", AttributeValue.fromL(List.of()));
        item.put("emptyMap", AttributeValue.fromM(Map.of()));
        return item;
    }

    private static Map<String, AttributeValue> simple(String key, String version) {
        return Map.of(PK, AttributeValue.fromS(key), "version", AttributeValue.fromN(version),
                "status", AttributeValue.fromS("PENDING"), "amount", AttributeValue.fromN("19.90"));
    }

    private static Map<String, AttributeValue> order(String user, int i) {
        return Map.of(
                TableDefinitions.ORDER_ID, AttributeValue.fromS(user + "-order-" + i),
                TableDefinitions.USER_ID, AttributeValue.fromS(user),
                TableDefinitions.CREATED_AT, AttributeValue.fromS(createdAt(i)),
                "amount", AttributeValue.fromN(i + ".50"),
                "items", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "sku", AttributeValue.fromS("A-" + i), "qty", AttributeValue.fromN("1"))))));
    }

    private static String createdAt(int i) {
        return String.format("2026-11-%02dT10:00:00.000Z", i + 1);
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(PK, AttributeValue.fromS(key));
    }

    private static String table() {
        return tables.idempotency();
    }

    /** The item with every number in one canonical form, for comparing what was written with what was read. */
    private Map<String, AttributeValue> numbersByValue(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> canonical = new LinkedHashMap<>();
        item.forEach((name, value) -> canonical.put(name, numbersByValue(value)));
        return canonical;
    }

    private AttributeValue numbersByValue(AttributeValue value) {
        return switch (value.type()) {
            case "N" -> AttributeValue.fromN(new BigDecimal(value.n()).stripTrailingZeros().toPlainString());
            case "M" -> AttributeValue.fromM(numbersByValue(value.m()));
            case "L" -> AttributeValue.fromL(value.l().stream().map(this::numbersByValue).toList());
            default -> value;
        };
    }

    // --- the two clients ---

    private static Optional<Map<String, AttributeValue>> sdkGet(String key) {
        var response = sdk.getItem(b -> b.tableName(table()).key(Map.of(PK, sdkS(key))).consistentRead(true));
        return response.hasItem() ? Optional.of(SdkOracle.fromSdk(response.item())) : Optional.empty();
    }

    private static List<DynamoDb.QueryPage> ourPages(String table, String condition,
                                                     Map<String, AttributeValue> values, boolean forward) {
        List<DynamoDb.QueryPage> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            DynamoDb.QueryPage page = ours.query(new DynamoDb.Query(table, TableDefinitions.BY_USER_INDEX, condition,
                    names(condition), values, forward, 3, start));
            pages.add(page);
            start = page.lastEvaluatedKey();
        } while (!start.isEmpty() && pages.size() < 20);
        return pages;
    }

    private static List<QueryResponse> sdkPages(String table, String condition,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values, boolean forward) {
        List<QueryResponse> pages = new ArrayList<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            QueryRequest.Builder request = sdkQuery(table, condition, values, forward);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = sdk.query(request.build());
            pages.add(page);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && pages.size() < 20);
        return pages;
    }

    private static QueryRequest.Builder sdkQuery(String table, String condition,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values, boolean forward) {
        return QueryRequest.builder().tableName(table).indexName(TableDefinitions.BY_USER_INDEX)
                .keyConditionExpression(condition).expressionAttributeNames(names(condition))
                .expressionAttributeValues(values).scanIndexForward(forward).limit(3);
    }

    private static Map<String, String> names(String condition) {
        return condition.contains("#c")
                ? Map.of("#u", TableDefinitions.USER_ID, "#c", TableDefinitions.CREATED_AT)
                : Map.of("#u", TableDefinitions.USER_ID);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue sdkS(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue sdkN(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(value);
    }

    /** An item in DynamoDB's JSON for a canned answer, written by hand rather than by the code under test. */
    private static String json(Map<String, AttributeValue> item) {
        return item.entrySet().stream()
                .map(entry -> quote(entry.getKey()) + ":" + json(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String json(AttributeValue value) {
        return switch (value.type()) {
            case "S" -> "{\"S\":" + quote(value.s()) + "}";
            case "N" -> "{\"N\":" + quote(value.n()) + "}";
            case "BOOL" -> "{\"BOOL\":" + value.bool() + "}";
            case "NULL" -> "{\"NULL\":true}";
            case "M" -> "{\"M\":" + json(value.m()) + "}";
            case "L" -> value.l().stream().map(DynamoDbAgainstSdkIT::json)
                    .collect(Collectors.joining(",", "{\"L\":[", "]}"));
            default -> throw new IllegalArgumentException(value.toString());
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * A stub DynamoDB endpoint both clients can be pointed at: it answers every request with one canned response
     * and keeps each request's body by X-Amz-Target, so the two clients' requests can be compared as JSON.
     */
    private static final class Stub implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, List<byte[]>> requests = new ConcurrentHashMap<>();
        private volatile int status = 200;
        private volatile String body = "{}";
        private final DynamoDbClient sdk;

        Stub() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] request = exchange.getRequestBody().readAllBytes();
                requests.computeIfAbsent(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                        k -> new CopyOnWriteArrayList<>()).add(request);
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            sdk = SdkOracle.client(endpoint());
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        void answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        DynamoDb ours() {
            return new DynamoDb(new AwsJsonClient(AwsService.DYNAMODB, Dynalite.REGION, endpoint(),
                    Dynalite.DUMMY_CREDENTIALS, RetryPolicy.none(), Clock.systemUTC(),
                    AwsJsonClient.CallListener.NONE));
        }

        DynamoDbClient sdk() {
            return sdk;
        }

        /** The last two requests for {@code target}, ours then the SDK's, are the same JSON. */
        void assertSameRequests(String target) {
            List<byte[]> seen = requests.getOrDefault(target, List.of());
            assertThat(seen).as("requests for " + target).hasSize(2);
            assertThat(JsonTree.parse(seen.get(0))).as(target + ": ours (actual) vs the SDK's (expected)")
                    .isEqualTo(JsonTree.parse(seen.get(1)));
            requests.remove(target);
        }

        @Override
        public void close() {
            sdk.close();
            server.stop(0);
        }
    }
}
