package dev.ordersprofiles.local.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.adapters.aws.dynamodb.AttributeValue;
import java.util.Map;

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
            case "S" -> out.put("S", value.s());
            case "N" -> out.put("N", value.n());
            case "BOOL" -> out.put("BOOL", value.bool());
            case "NULL" -> out.put("NULL", true);
            case "M" -> out.set("M", item(value.m()));
            case "L" -> {
                ArrayNode list = out.putArray("L");
                value.l().forEach(v -> list.add(value(v)));
            }
            default -> throw new IllegalArgumentException("attribute value type " + value.type()
                    + " never comes out of our item mappers");
        }
        return out;
    }
}
