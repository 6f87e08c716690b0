package dev.ordersprofiles.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.stream.StreamDelivery;
import dev.ordersprofiles.local.stream.TableStream;
import dev.ordersprofiles.local.template.FunctionDef;
import dev.ordersprofiles.local.template.StreamMappingDef;
import dev.ordersprofiles.local.template.TableDef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data plane on a real, in-memory dynalite: writes through the DynamoDB endpoint become stream records with the
 * exact images, delivered to a mapping's function; the TTL sweeper deletes expired items with AWS's TTL record.
 */
class DataPlaneIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<JsonNode> RECORDS = new CopyOnWriteArrayList<>();

    /** Keeps every record it is given. */
    public static final class Recorder implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            JSON.valueToTree(event).get("Records").forEach(RECORDS::add);
            return Map.of();
        }
    }

    private static EmbeddedDynamoDb store;
    private static LambdaRuntime lambdas;
    private static TableStream stream;
    private static DynamoDbEndpoint endpoint;
    private static TtlSweeper sweeper;

    @BeforeAll
    static void start() throws Exception {
        Path log = Files.createTempDirectory("data-plane-it").resolve("dynalite.log");
        store = EmbeddedDynamoDb.start(Path.of("..", "tools", "dynalite"), Optional.empty(), log);
        StoreClient client = new StoreClient(store.endpoint());
        TableDef def = new TableDef("Things", "things-" + System.nanoTime(), Map.of(
                "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S")),
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "TimeToLiveSpecification", Map.of("AttributeName", "expires", "Enabled", true)));
        assertThat(TableCreator.createMissing(client, List.of(def))).containsExactly(def.name());
        assertThat(TableCreator.createMissing(client, List.of(def))).isEmpty();
        TableSpec spec = TableSpec.of(def);
        lambdas = new LambdaRuntime(List.of(new FunctionDef("recorder", "recorder",
                "arn:aws:lambda:us-east-1:000000000000:function:recorder", Recorder.class.getName(), "handleRequest",
                10, 128, OptionalInt.empty(), Map.of())), (f, type) -> type.getConstructor().newInstance());
        stream = new TableStream("us-east-1", "arn:aws:dynamodb:us-east-1:123456789012:table/" + spec.name()
                + "/stream/2026-12-02T00:00:00.000", "NEW_AND_OLD_IMAGES",
                List.of(new StreamDelivery(new StreamMappingDef("recorder", spec.name(), 100, 0, 0, false, false,
                        List.of()), lambdas)), Clock.systemUTC());
        ChangeCapture capture = new ChangeCapture(client, Map.of(spec.name(), spec), Map.of(spec.name(), stream));
        endpoint = new DynamoDbEndpoint(client, capture);
        sweeper = new TtlSweeper(client, capture, List.of(spec), Clock.systemUTC());
        table = spec.name();
    }

    private static String table;

    @AfterAll
    static void stop() {
        if (stream != null) {
            stream.close();
        }
        if (lambdas != null) {
            lambdas.close();
        }
        if (store != null) {
            long pid = store.pid();
            store.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @BeforeEach
    void clear() {
        RECORDS.clear();
    }

    @Test
    void the_in_memory_store_runs_without_a_path() {
        String command = ProcessHandle.of(store.pid()).flatMap(p -> p.info().commandLine()).orElseThrow();
        assertThat(command).contains("dynalite").doesNotContain("--path");
    }

    @Test
    void writes_become_records_with_exact_images_in_order_and_unchanged_writes_none() throws Exception {
        assertThat(call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"}}}")
                .status()).isEqualTo(200);
        call("UpdateItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                + "\"UpdateExpression\":\"SET v = v + :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}");
        call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"2\"}}}");
        HttpResponse refused = call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}");
        call("BatchWriteItem", "{\"RequestItems\":{\"" + table + "\":[{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"a\"}}}},"
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"}}}}]}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("ConditionalCheckFailedException");
        awaitRecords(4);
        assertThat(RECORDS).extracting(r -> r.get("eventName").asText())
                .containsExactly("INSERT", "MODIFY", "REMOVE", "INSERT");
        JsonNode modify = RECORDS.get(1).get("dynamodb");
        assertThat(modify.get("OldImage").toString()).isEqualTo("{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"}}");
        assertThat(modify.get("NewImage").path("v").path("N").asText()).isEqualTo("2");
        assertThat(RECORDS.get(2).get("dynamodb").get("OldImage").path("v").path("N").asText()).isEqualTo("2");
        assertThat(RECORDS.get(2).get("dynamodb").has("NewImage")).isFalse();
        List<Long> sequence = RECORDS.stream().map(r -> Long.parseLong(r.get("dynamodb").get("SequenceNumber").asText()))
                .toList();
        assertThat(sequence).isSorted().doesNotHaveDuplicates();
        assertThat(RECORDS).allSatisfy(r -> assertThat(r.has("userIdentity")).isFalse());
    }

    @Test
    void an_expired_item_is_deleted_with_the_ttl_remove_record() throws Exception {
        long now = Instant.now().getEpochSecond();
        call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"old\"},\"expires\":{\"N\":\""
                + (now - 5) + "\"}}}");
        call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"young\"},\"expires\":{\"N\":\""
                + (now + 3600) + "\"}}}");
        awaitRecords(2);
        RECORDS.clear();

        assertThat(sweeper.sweep()).isEqualTo(1);

        awaitRecords(1);
        JsonNode remove = RECORDS.get(0);
        assertThat(remove.get("eventName").asText()).isEqualTo("REMOVE");
        assertThat(remove.get("userIdentity").toString())
                .isEqualTo("{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}");
        assertThat(remove.get("dynamodb").get("OldImage").path("pk").path("S").asText()).isEqualTo("old");
        assertThat(call("GetItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"young\"}}}").body())
                .asString(StandardCharsets.UTF_8).contains("young");
        assertThat(sweeper.sweep()).isZero();
    }

    private static HttpResponse call(String operation, String body) {
        HttpRequest request = new HttpRequest("POST", "/", null, Map.of(
                "X-Amz-Target", List.of(DynamoDbEndpoint.TARGET_PREFIX + operation),
                "Content-Type", List.of("application/x-amz-json-1.0"),
                "X-Amz-Date", List.of("20261202T000000Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=local/20261202/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=00")),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "127.0.0.1:1");
        assertThat(endpoint.serves(request)).isTrue();
        return endpoint.handle(request);
    }

    private static void awaitRecords(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (RECORDS.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("records so far: " + RECORDS);
            }
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertThat(RECORDS).hasSize(count);
    }
}
