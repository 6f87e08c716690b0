package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A payload template (Parameters, ResultSelector, ItemSelector): a JSON value whose object keys ending in
 * {@code .$} take their value from a path on the input, a path on the context object ({@code $$.}) or an
 * intrinsic function. Compiled at load time so that bad paths fail the load, not the execution.
 */
final class PayloadTemplate {

    private sealed interface Node permits Constant, FromPath, FromIntrinsic, Obj, Arr {}

    private record Constant(JsonNode value) implements Node {}

    private record FromPath(String key, JsonPath path) implements Node {}

    private record FromIntrinsic(Intrinsic call) implements Node {}

    private record Obj(List<Map.Entry<String, Node>> fields) implements Node {}

    private record Arr(List<Node> items) implements Node {}

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
     * Compiles a template; {@code state} (e.g. {@code State "X"}) and {@code field} locate it in error messages.
     * Throws AslDefinitionException for a {@code .$} value that is not a path or intrinsic call.
     */
    static PayloadTemplate compile(JsonNode template, String state, String field) {
        return new PayloadTemplate(compileNode(template, state, field));
    }

    private static Node compileNode(JsonNode node, String state, String where) {
        if (node.isObject()) {
            List<Map.Entry<String, Node>> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                String at = where + "." + key;
                if (key.endsWith(".$")) {
                    fields.add(Map.entry(key.substring(0, key.length() - 2), dynamic(key, e.getValue(), state, at)));
                } else {
                    fields.add(Map.entry(key, compileNode(e.getValue(), state, at)));
                }
            }
            return new Obj(fields);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(compileNode(node.get(i), state, where + "[" + i + "]"));
            }
            return new Arr(items);
        }
        return new Constant(node);
    }

    private static Node dynamic(String key, JsonNode value, String state, String field) {
        String where = state + ": field \"" + field + "\"";
        if (!value.isTextual()) {
            throw new AslDefinitionException(where + ": a field ending in '.$' needs a path or intrinsic string, got "
                    + value);
        }
        String text = value.asText();
        try {
            if (text.startsWith("$")) {
                return new FromPath(key, JsonPath.parse(text));
            }
            if (Intrinsic.looksLikeCall(text)) {
                return new FromIntrinsic(Intrinsic.parse(text));
            }
        } catch (IllegalArgumentException e) {
            throw new AslDefinitionException(where + ": " + e.getMessage());
        }
        throw new AslDefinitionException(where + ": '" + text + "' is neither a JSONPath nor an intrinsic function");
    }

    /** Builds the payload. A missing path raises States.Runtime, as Step Functions does. */
    JsonNode evaluate(Intrinsic.Env env) {
        return evaluate(root, env);
    }

    private static JsonNode evaluate(Node node, Intrinsic.Env env) {
        if (node instanceof Constant c) {
            return c.value().deepCopy();
        }
        if (node instanceof FromPath p) {
            JsonNode value = p.path().read(env.input(), env);
            if (value == null) {
                String where = p.path().isContext() ? "context object '" + Json.write(env.context()) + "'"
                        : p.path().variable() != null ? "variable $" + p.path().variable()
                        : "input '" + Json.write(env.input()) + "'";
                throw StatesError.runtime("The JsonPath argument for the field '" + p.key() + "' could not be found in the "
                        + where);
            }
            return value.deepCopy();
        }
        if (node instanceof FromIntrinsic i) {
            return i.call().evaluate(env);
        }
        if (node instanceof Obj o) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, Node> e : o.fields()) {
                out.set(e.getKey(), evaluate(e.getValue(), env));
            }
            return out;
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (Node item : ((Arr) node).items()) {
            out.add(evaluate(item, env));
        }
        return out;
    }
}
