package dev.ordersprofiles.sam;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation/SAM YAML template into plain maps, lists and scalars, turning short-form
 * intrinsic tags into their long form as CloudFormation does: {@code !Ref X} becomes
 * {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}, any other
 * {@code !Name v} becomes {@code {"Fn::Name": v}}. Jackson's YAML parser reports a node's tag as its type id.
 */
final class CfnYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yaml) {
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a template is a YAML mapping");
            }
            return (Map<String, Object>) read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        Object value;
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (map.put(name, read(parser)) != null) {
                        throw new IllegalArgumentException("duplicate key " + name + " at " + parser.currentLocation());
                    }
                }
                value = map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                value = list;
            }
            case VALUE_STRING -> value = parser.getText();
            case VALUE_NUMBER_INT -> value = parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> value = parser.getDoubleValue();
            case VALUE_TRUE -> value = Boolean.TRUE;
            case VALUE_FALSE -> value = Boolean.FALSE;
            case VALUE_NULL -> value = null;
            default -> throw new IllegalStateException("unexpected " + token + " at " + parser.currentLocation());
        }
        return tag == null ? value : longForm(tag, value);
    }

    private static Object longForm(String tag, Object value) {
        return switch (tag) {
            case "Ref" -> Map.of("Ref", value);
            case "Condition" -> Map.of("Condition", value);
            case "GetAtt" -> Map.of("Fn::GetAtt", value instanceof String s
                    ? List.of(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1))
                    : value);
            default -> {
                if (tag.startsWith("tag:yaml.org,2002:")) {
                    yield value; // explicit standard tags (!!str ...) are not intrinsics
                }
                yield Map.of("Fn::" + tag, value);
            }
        };
    }
}
