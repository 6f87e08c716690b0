package dev.ordersprofiles.local.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * DynamoDB stream records shaped as Lambda receives them from a DynamoDB event source mapping: {@code eventName}
 * from the item's images (INSERT when there was none, REMOVE when there is none after, MODIFY otherwise), the
 * images the stream's view type carries, {@code SizeBytes} by DynamoDB's item-size rules, and the
 * {@code userIdentity} a TTL deletion carries.
 */
public final class StreamRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private StreamRecords() {
    }

    /** The stream's ARN as AWS shapes it: the table's ARN, then {@code /stream/} and the stream label. */
    public static String streamArn(String region, String account, String table, Instant label) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table + "/stream/" + LABEL.format(label);
    }

    /** The change's event name, or empty when nothing changed (DynamoDB writes no record then). */
    public static Optional<String> eventName(JsonNode before, JsonNode after) {
        if (before == null && after == null || before != null && before.equals(after)) {
            return Optional.empty();
        }
        return Optional.of(before == null ? "INSERT" : after == null ? "REMOVE" : "MODIFY");
    }

    /**
     * One stream record.
     *
     * @param keys     the item's key attributes (DynamoDB JSON)
     * @param before   the item before the write, or null
     * @param after    the item after the write, or null
     * @param byTtl    a TTL deletion: the record names the DynamoDB service as its user identity
     */
    public static ObjectNode record(String region, String streamArn, String viewType, String eventName,
                                    ObjectNode keys, JsonNode before, JsonNode after, String sequenceNumber,
                                    Instant at, boolean byTtl) {
        ObjectNode record = NODES.objectNode();
        record.put("eventID", eventId());
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", region);
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", at.getEpochSecond());
        dynamodb.set("Keys", keys.deepCopy());
        long size = itemSize(keys);
        if (after != null && (viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            dynamodb.set("NewImage", after.deepCopy());
            size += itemSize(after);
        }
        if (before != null && (viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            dynamodb.set("OldImage", before.deepCopy());
            size += itemSize(before);
        }
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("SizeBytes", size);
        dynamodb.put("StreamViewType", viewType);
        if (byTtl) {
            record.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        }
        record.put("eventSourceARN", streamArn);
        return record;
    }

    /** The item's key: its key attributes, in key-schema order; empty if one is missing. */
    public static Optional<ObjectNode> key(JsonNode item, List<String> keyAttributes) {
        ObjectNode key = NODES.objectNode();
        for (String name : keyAttributes) {
            JsonNode value = item == null ? null : item.get(name);
            if (value == null || !value.isObject()) {
                return Optional.empty();
            }
            key.set(name, value);
        }
        return Optional.of(key);
    }

    /**
     * An item's size as DynamoDB counts it: each attribute's name in UTF-8 bytes plus its value (strings in UTF-8
     * bytes, binaries decoded, numbers about one byte per two digits plus one, booleans and nulls one byte, lists and
     * maps three bytes plus one per element plus their contents).
     */
    public static long itemSize(JsonNode item) {
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static long valueSize(JsonNode value) {
        Map.Entry<String, JsonNode> typed = value.fields().hasNext() ? value.fields().next() : null;
        if (typed == null) {
            return 0;
        }
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> utf8(v.asText());
            case "N" -> numberSize(v.asText());
            case "B" -> Base64.getDecoder().decode(v.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(v, e -> utf8(e.asText()));
            case "NS" -> sum(v, e -> numberSize(e.asText()));
            case "BS" -> sum(v, e -> Base64.getDecoder().decode(e.asText()).length);
            case "L" -> 3 + sum(v, e -> 1 + valueSize(e));
            case "M" -> {
                long size = 3;
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    size += 1 + utf8(e.getKey()) + valueSize(e.getValue());
                }
                yield size;
            }
            default -> 0;
        };
    }

    private static long numberSize(String number) {
        long digits = number.chars().filter(Character::isDigit).count();
        return (digits + 1) / 2 + 1;
    }

    private static long sum(JsonNode list, java.util.function.ToLongFunction<JsonNode> size) {
        long total = 0;
        for (JsonNode e : list) {
            total += size.applyAsLong(e);
        }
        return total;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String eventId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
