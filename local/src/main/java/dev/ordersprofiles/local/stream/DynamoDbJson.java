package dev.ordersprofiles.local.stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attribute values in DynamoDB's JSON form, as stream records carry them: {@code {"S":"x"}}, {@code {"N":"1"}} … */
final class DynamoDbJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DynamoDbJson() {
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = NODES.objectNode();
        item.forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    static ObjectNode value(AttributeValue value) {
        ObjectNode out = NODES.objectNode();
        switch (value.type()) {
            case S -> out.put("S", value.s());
            case N -> out.put("N", value.n());
            case BOOL -> out.put("BOOL", value.bool());
            case NUL -> out.put("NULL", true);
            case B -> out.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case SS -> value.ss().forEach(out.putArray("SS")::add);
            case NS -> value.ns().forEach(out.putArray("NS")::add);
            case BS -> value.bs().forEach(b -> out.withArray("BS").add(Base64.getEncoder().encodeToString(b.asByteArray())));
            case M -> out.set("M", item(value.m()));
            case L -> value.l().forEach(v -> out.withArray("L").add(value(v)));
            default -> throw new IllegalArgumentException("unknown attribute value type " + value.type());
        }
        return out;
    }
}
