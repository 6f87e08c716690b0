package dev.ordersprofiles.adapters.aws.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ordersprofiles.adapters.aws.client.Wire;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DynamoDB's JSON form of attribute values ({@code {"S":"x"}}, {@code {"N":"1.50"}}, …), streaming both ways. */
final class ItemJson {
    private ItemJson() {
    }

    static void writeItem(JsonGenerator out, Map<String, AttributeValue> item) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            out.writeFieldName(entry.getKey());
            write(out, entry.getValue());
        }
        out.writeEndObject();
    }

    static void write(JsonGenerator out, AttributeValue value) throws IOException {
        out.writeStartObject();
        switch (value.type()) {
            case "S", "N" -> out.writeStringField(value.type(), (String) value.rawValue());
            case "BOOL" -> out.writeBooleanField("BOOL", (Boolean) value.rawValue());
            case "NULL" -> out.writeBooleanField("NULL", true);
            case "M" -> {
                out.writeFieldName("M");
                writeItem(out, value.m());
            }
            case "L" -> {
                out.writeArrayFieldStart("L");
                for (AttributeValue element : value.l()) {
                    write(out, element);
                }
                out.writeEndArray();
            }
            default -> {
                out.writeFieldName(value.type());
                out.writeRawValue((String) value.rawValue());
            }
        }
        out.writeEndObject();
    }

    /** Reads an item (a JSON object of attribute values); the parser stands on its START_OBJECT. */
    static Map<String, AttributeValue> readItem(JsonParser in) throws IOException {
        expect(in, JsonToken.START_OBJECT);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            item.put(name, read(in));
        }
        return item;
    }

    /** Reads one attribute value; the parser stands on its START_OBJECT. */
    static AttributeValue read(JsonParser in) throws IOException {
        expect(in, JsonToken.START_OBJECT);
        if (in.nextToken() != JsonToken.FIELD_NAME) {
            throw new IOException("an attribute value without a type");
        }
        String type = in.currentName();
        JsonToken token = in.nextToken();
        AttributeValue value = switch (type) {
            case "S" -> AttributeValue.fromS(text(in, token, type));
            case "N" -> AttributeValue.fromN(text(in, token, type));
            case "BOOL" -> AttributeValue.fromBool(in.getBooleanValue());
            case "NULL" -> AttributeValue.fromNul();
            case "M" -> AttributeValue.fromM(readItem(in));
            case "L" -> {
                expect(in, JsonToken.START_ARRAY);
                List<AttributeValue> list = new ArrayList<>();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(in));
                }
                yield AttributeValue.fromL(list);
            }
            default -> AttributeValue.other(type, rawJson(in));
        };
        if (in.nextToken() != JsonToken.END_OBJECT) {
            throw new IOException("an attribute value with more than one type");
        }
        return value;
    }

    private static String text(JsonParser in, JsonToken token, String type) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new IOException("attribute value " + type + " is not a JSON string");
        }
        return in.getText();
    }

    private static String rawJson(JsonParser in) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator copy = Wire.JSON.createGenerator(text)) {
            copy.copyCurrentStructure(in);
        }
        return text.toString();
    }

    private static void expect(JsonParser in, JsonToken expected) throws IOException {
        if (in.currentToken() != expected) {
            throw new IOException("expected " + expected + " but found " + in.currentToken());
        }
    }
}
