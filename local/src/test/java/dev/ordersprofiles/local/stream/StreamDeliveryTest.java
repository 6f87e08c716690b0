package dev.ordersprofiles.local.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.FunctionDef;
import dev.ordersprofiles.local.template.StreamMappingDef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamDeliveryTest {
    private static final AtomicLong SEQUENCE = new AtomicLong(1000);
    static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();
    static volatile String poison;

    /** Records the user ids of each batch; fails (whole batch, or as a reported item) on the poison user. */
    public static final class Consumer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            List<String> users = new ArrayList<>();
            List<Map<String, Object>> failures = new ArrayList<>();
            for (Map<String, Object> record : (List<Map<String, Object>>) event.get("Records")) {
                Map<String, Object> dynamodb = (Map<String, Object>) record.get("dynamodb");
                String user = ((Map<String, Map<String, String>>) dynamodb.get("Keys")).get("userId").get("S");
                users.add(record.get("eventName") + ":" + user);
                if (user.equals(poison)) {
                    failures.add(Map.of("itemIdentifier", dynamodb.get("SequenceNumber")));
                }
            }
            BATCHES.add(users);
            if (!failures.isEmpty() && "throw".equals(context.getFunctionName())) {
                throw new IllegalStateException("poison");
            }
            return Map.of("batchItemFailures", failures);
        }
    }

    private LambdaRuntime lambdas;
    private StreamDelivery stream;

    @BeforeEach
    void reset() {
        BATCHES.clear();
        poison = null;
        lambdas = new LambdaRuntime(List.of(function("report"), function("throw")),
                (def, type) -> type.getConstructor().newInstance());
    }

    @AfterEach
    void stop() {
        stream.close();
        lambdas.close();
    }

    @Test
    void inserts_pass_the_filter_in_order_and_modifies_do_not() throws Exception {
        stream = new StreamDelivery(mapping("report", 10, 2, false, List.of("{\"eventName\":[\"INSERT\"]}")), lambdas);

        stream.publish(insert("u1"));
        stream.publish(change("MODIFY", "u1"));
        stream.publish(insert("u2"));

        await(() -> stream.delivered() == 2);
        assertThat(BATCHES.stream().flatMap(List::stream)).containsExactly("INSERT:u1", "INSERT:u2");
    }

    @Test
    void a_reported_failure_is_retried_from_that_record_then_sent_to_the_failure_destination() throws Exception {
        stream = new StreamDelivery(mapping("report", 10, 2, false, List.of()), lambdas);
        poison = "bad";

        stream.publish(insert("ok1"));
        stream.publish(insert("bad"));
        stream.publish(insert("ok2"));

        await(() -> stream.discarded().size() == 2);
        // first attempt with all three, then two retries of [bad, ok2]; then both go to the destination
        assertThat(BATCHES.get(0)).containsExactly("INSERT:ok1", "INSERT:bad", "INSERT:ok2");
        assertThat(BATCHES.subList(1, 3)).allSatisfy(b -> assertThat(b).containsExactly("INSERT:bad", "INSERT:ok2"));
        assertThat(stream.delivered()).isEqualTo(1);
    }

    @Test
    void a_failing_batch_is_bisected_so_good_records_get_through() throws Exception {
        stream = new StreamDelivery(mapping("throw", 10, 3, true, List.of()), lambdas);
        poison = "bad";
        stream.publish(insert("a"));
        stream.publish(insert("bad"));
        stream.publish(insert("c"));
        stream.publish(insert("d"));

        await(() -> stream.discarded().size() == 1);
        assertThat(stream.discarded().get(0).path("dynamodb").path("Keys").path("userId").path("S").asText())
                .isEqualTo("bad");
        await(() -> stream.delivered() == 3);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; batches: " + BATCHES);
            }
            Thread.sleep(20);
        }
    }

    private static StreamMappingDef mapping(String function, int batchSize, int retries, boolean bisect,
                                            List<String> filters) {
        return new StreamMappingDef(function, "profiles", batchSize, 500, retries, bisect, true, filters);
    }

    private static FunctionDef function(String name) {
        return new FunctionDef(name, name, "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                Consumer.class.getName(), "handleRequest", 10, 128, OptionalInt.empty(), Map.of());
    }

    private static ObjectNode insert(String user) {
        return change("INSERT", user);
    }

    private static ObjectNode change(String eventName, String user) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.putObject("userId").put("S", user);
        item.putObject("name").put("S", "Name " + user);
        ObjectNode keys = JsonNodeFactory.instance.objectNode();
        keys.set("userId", item.get("userId"));
        return StreamRecords.record("us-east-1", "arn:aws:dynamodb:us-east-1:123456789012:table/profiles/stream/x",
                "NEW_AND_OLD_IMAGES", eventName, keys, eventName.equals("INSERT") ? null : item, item,
                Long.toString(SEQUENCE.incrementAndGet()), Instant.parse("2026-11-27T10:00:00Z"), false);
    }
}
