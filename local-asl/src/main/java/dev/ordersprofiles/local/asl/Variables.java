package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflow variables of one scope: the execution, a Parallel branch or a Map iteration. A scope reads its own
 * variables and those of the scopes around it; what it assigns stays in it, so a branch never changes what the
 * states after the Parallel or Map state see.
 */
final class Variables {
    private final Variables outer;
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();

    Variables(Variables outer) {
        this.outer = outer;
    }

    JsonNode get(String name) {
        JsonNode value = values.get(name);
        if (value == null && outer != null) {
            return outer.get(name);
        }
        return value;
    }

    /** Assigns all values at once (every expression of one Assign was evaluated before any of them is set). */
    void assignAll(Map<String, JsonNode> assignments) {
        values.putAll(assignments);
    }

    /** Every variable visible from this scope, inner names hiding outer ones (JSONata bindings). */
    Map<String, JsonNode> visible() {
        Map<String, JsonNode> all = outer == null ? new java.util.LinkedHashMap<>() : outer.visible();
        all.putAll(values);
        return all;
    }
}
