package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a path can read besides the state's input: the context object ({@code $$.Execution.Id}) and workflow
 * variables ({@code $name.field}).
 */
interface PathScope {

    /** A scope with neither context nor variables (tests, load-time checks). */
    PathScope EMPTY = new PathScope() {
        @Override
        public JsonNode context() {
            return Json.object();
        }

        @Override
        public JsonNode variable(String name) {
            return null;
        }
    };

    JsonNode context();

    /** The variable's current value, or null when it has not been assigned in this scope or an outer one. */
    JsonNode variable(String name);
}
