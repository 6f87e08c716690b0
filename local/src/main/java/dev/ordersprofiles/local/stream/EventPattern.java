package dev.ordersprofiles.local.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Event filtering as Lambda event source mappings do it, for the pattern forms a template commonly uses: nested
 * objects and lists of exact values ({@code {"eventName":["INSERT"]}}), plus {@code {"exists": bool}} and
 * {@code {"prefix": "…"}} matchers. Any other matcher is refused when the pattern is loaded, never ignored.
 */
final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    static EventPattern parse(String text) {
        JsonNode pattern;
        try {
            pattern = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("filter pattern is not JSON: " + text);
        }
        if (pattern == null || !pattern.isObject()) {
            throw new IllegalArgumentException("filter pattern must be a JSON object: " + text);
        }
        check(pattern, text);
        return new EventPattern(pattern);
    }

    boolean matches(JsonNode event) {
        return matches(pattern, event);
    }

    private static void check(JsonNode node, String text) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (value.isObject()) {
                check(value, text);
            } else if (value.isArray()) {
                for (JsonNode allowed : value) {
                    if (allowed.isObject() && !(allowed.has("exists") || allowed.has("prefix")) || allowed.size() > 1) {
                        throw new IllegalArgumentException("filter matcher " + allowed + " is not supported locally: "
                                + text);
                    }
                }
            } else {
                throw new IllegalArgumentException("filter pattern values must be objects or lists: " + text);
            }
        }
    }

    private static boolean matches(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode actual = event == null ? null : event.get(field.getKey());
            if (field.getValue().isObject()) {
                if (actual == null || !matches(field.getValue(), actual)) {
                    return false;
                }
            } else if (!anyAllowed(field.getValue(), actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyAllowed(JsonNode allowed, JsonNode actual) {
        for (JsonNode option : allowed) {
            if (option.has("exists")) {
                if (option.get("exists").asBoolean() == (actual != null && !actual.isNull())) {
                    return true;
                }
            } else if (option.has("prefix")) {
                if (actual != null && actual.isTextual() && actual.asText().startsWith(option.get("prefix").asText())) {
                    return true;
                }
            } else if (actual != null && (option.equals(actual)
                    || (option.isTextual() && actual.isValueNode() && option.asText().equals(actual.asText())))) {
                return true;
            }
        }
        return false;
    }
}
