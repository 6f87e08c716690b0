package dev.ordersprofiles.local.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things/stream/2026-12-02T10:00:00.000";
    private static final Instant AT = Instant.parse("2026-12-02T10:15:30.750Z");

    @Test
    void the_event_name_follows_the_images_and_an_unchanged_item_writes_no_record() throws Exception {
        JsonNode a = item("{\"id\":{\"S\":\"1\"},\"v\":{\"N\":\"1\"}}");
        JsonNode b = item("{\"v\":{\"N\":\"1\"},\"id\":{\"S\":\"1\"}}");
        JsonNode c = item("{\"id\":{\"S\":\"1\"},\"v\":{\"N\":\"2\"}}");

        assertThat(StreamRecords.eventName(null, a)).contains("INSERT");
        assertThat(StreamRecords.eventName(a, c)).contains("MODIFY");
        assertThat(StreamRecords.eventName(a, null)).contains("REMOVE");
        assertThat(StreamRecords.eventName(a, b)).isEmpty();
        assertThat(StreamRecords.eventName(null, null)).isEmpty();
    }

    @Test
    void each_view_type_carries_its_images() throws Exception {
        JsonNode before = item("{\"id\":{\"S\":\"1\"},\"v\":{\"N\":\"1\"}}");
        JsonNode after = item("{\"id\":{\"S\":\"1\"},\"v\":{\"N\":\"2\"}}");
        ObjectNode keys = (ObjectNode) item("{\"id\":{\"S\":\"1\"}}");

        for (String view : List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")) {
            JsonNode d = StreamRecords.record("us-east-1", ARN, view, "MODIFY", keys, before, after, "7", AT, false)
                    .get("dynamodb");
            assertThat(d.get("StreamViewType").asText()).isEqualTo(view);
            assertThat(d.get("Keys")).isEqualTo(keys);
            assertThat(d.has("NewImage")).as(view).isEqualTo(view.contains("NEW"));
            assertThat(d.has("OldImage")).as(view).isEqualTo(view.contains("OLD"));
        }
        JsonNode both = StreamRecords.record("us-east-1", ARN, "NEW_AND_OLD_IMAGES", "MODIFY", keys, before, after,
                "7", AT, false).get("dynamodb");
        assertThat(both.get("NewImage")).isEqualTo(after);
        assertThat(both.get("OldImage")).isEqualTo(before);
    }

    @Test
    void a_record_has_the_fields_lambda_receives() throws Exception {
        ObjectNode keys = (ObjectNode) item("{\"id\":{\"S\":\"abc\"}}");
        ObjectNode record = StreamRecords.record("eu-west-1", ARN, "NEW_IMAGE", "INSERT", keys, null,
                item("{\"id\":{\"S\":\"abc\"}}"), "4200", AT, false);

        assertThat(record.get("eventName").asText()).isEqualTo("INSERT");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.1");
        assertThat(record.get("awsRegion").asText()).isEqualTo("eu-west-1");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(ARN);
        assertThat(record.get("eventID").asText()).hasSize(32).matches("[0-9a-f]+");
        assertThat(record.has("userIdentity")).isFalse();
        JsonNode d = record.get("dynamodb");
        assertThat(d.get("ApproximateCreationDateTime").asLong()).isEqualTo(AT.getEpochSecond());
        assertThat(d.get("SequenceNumber").asText()).isEqualTo("4200");
        // "id" (2 bytes) + "abc" (3 bytes), in the keys and in the new image
        assertThat(d.get("SizeBytes").asLong()).isEqualTo(10);
    }

    @Test
    void a_ttl_deletion_names_the_dynamodb_service_as_its_user() throws Exception {
        JsonNode old = item("{\"id\":{\"S\":\"1\"},\"exp\":{\"N\":\"1700000000\"}}");
        ObjectNode record = StreamRecords.record("us-east-1", ARN, "NEW_AND_OLD_IMAGES", "REMOVE",
                (ObjectNode) item("{\"id\":{\"S\":\"1\"}}"), old, null, "9", AT, true);

        assertThat(record.get("userIdentity")).isEqualTo(item(
                "{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}"));
        assertThat(record.get("dynamodb").get("OldImage")).isEqualTo(old);
        assertThat(record.get("dynamodb").has("NewImage")).isFalse();
    }

    @Test
    void item_size_follows_dynamodb_rules() throws Exception {
        assertThat(StreamRecords.itemSize(item("{\"n\":{\"N\":\"123\"}}"))).isEqualTo(1 + 3);
        assertThat(StreamRecords.itemSize(item("{\"é\":{\"S\":\"ü\"}}"))).isEqualTo(2 + 2);
        assertThat(StreamRecords.itemSize(item("{\"b\":{\"BOOL\":true},\"z\":{\"NULL\":true}}"))).isEqualTo(4);
        assertThat(StreamRecords.itemSize(item("{\"l\":{\"L\":[{\"S\":\"ab\"}]}}"))).isEqualTo(1 + 3 + 1 + 2);
        assertThat(StreamRecords.itemSize(item("{\"m\":{\"M\":{\"k\":{\"S\":\"ab\"}}}}"))).isEqualTo(1 + 3 + 1 + 1 + 2);
        assertThat(StreamRecords.itemSize(item("{\"x\":{\"B\":\"AAEC\"}}"))).isEqualTo(1 + 3);
    }

    @Test
    void the_key_is_taken_in_key_schema_order_and_is_missing_if_an_attribute_is() throws Exception {
        JsonNode item = item("{\"sk\":{\"N\":\"2\"},\"pk\":{\"S\":\"a\"},\"other\":{\"S\":\"x\"}}");

        assertThat(StreamRecords.key(item, List.of("pk", "sk")).orElseThrow().toString())
                .isEqualTo("{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}");
        assertThat(StreamRecords.key(item, List.of("pk", "nope"))).isEmpty();
        assertThat(StreamRecords.key(null, List.of("pk"))).isEmpty();
    }

    @Test
    void the_stream_arn_is_the_table_arn_with_the_stream_label() {
        assertThat(StreamRecords.streamArn("us-east-1", "123456789012", "things", Instant.parse("2026-12-02T10:00:00Z")))
                .isEqualTo(ARN);
    }

    private static JsonNode item(String json) throws Exception {
        return JSON.readTree(json);
    }
}
