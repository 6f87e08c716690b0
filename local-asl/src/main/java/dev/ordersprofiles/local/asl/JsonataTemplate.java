package dev.ordersprofiles.local.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A JSONata field of a state (Arguments, Output, Assign, Condition, Items, ...): any JSON value in which every
 * string written {@code "{% expression %}"}, at any depth, is a JSONata expression. Expressions are parsed at load
 * time, so a syntax error fails the definition, and evaluated with {@code $states} ({@code input}, {@code context},
 * {@code result}, {@code errorOutput}) and the workflow variables bound, plus the functions Step Functions adds to
 * JSONata ({@code $partition}, {@code $range}, {@code $hash}, {@code $random}, {@code $uuid}, {@code $parse}).
 * An evaluation error, or an expression with no value where one is needed, is {@code States.QueryEvaluationError}.
 */
final class JsonataTemplate {

    static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

    private sealed interface Node permits Constant, Expression, Obj, Arr {}

    private record Constant(JsonNode value) implements Node {}

    private record Expression(String source, Jsonata parsed) implements Node {}

    private record Obj(List<Map.Entry<String, Node>> fields) implements Node {}

    private record Arr(List<Node> items) implements Node {}

    /** What an evaluation sees: {@code $states} and the variables, by name without the {@code $}. */
    record Bindings(ObjectNode states, Map<String, JsonNode> variables, Supplier<String> uuid) {}

    private final Node root;

    private JsonataTemplate(Node root) {
        this.root = root;
    }

    /** Whether a string value is a JSONata expression. */
    static boolean isExpression(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        String text = value.asText();
        return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
    }

    /** Compiles a field; {@code where} locates it in error messages ({@code State "X": field "Output"}). */
    static JsonataTemplate compile(JsonNode value, String where) {
        return new JsonataTemplate(compileNode(value, where));
    }

    private static Node compileNode(JsonNode node, String where) {
        if (isExpression(node)) {
            String text = node.asText();
            String source = text.substring(2, text.length() - 2).trim();
            if (source.isEmpty()) {
                throw new AslDefinitionException(where + ": the JSONata expression is empty");
            }
            Jsonata parsed;
            try {
                parsed = Jsonata.jsonata(source);
            } catch (JException | IllegalArgumentException e) {
                throw new AslDefinitionException(where + ": the JSONata expression '" + source + "' does not parse: "
                        + e.getMessage());
            }
            // Parsed once, at load. Each evaluation binds the input, $states, the variables and Step Functions'
            // functions in a frame of its own, never in the instance, so one parsed expression serves concurrent
            // evaluations (the library's evaluate(input, frame) runs in a child frame of that one).
            return new Expression(source, parsed);
        }
        if (node.isObject()) {
            List<Map.Entry<String, Node>> fields = new ArrayList<>();
            node.properties().forEach(e -> fields.add(Map.entry(e.getKey(), compileNode(e.getValue(), where + "." + e.getKey()))));
            return new Obj(fields);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(compileNode(node.get(i), where + "[" + i + "]"));
            }
            return new Arr(items);
        }
        return new Constant(node);
    }

    /** Evaluates the field; a top-level expression without a value is a States.QueryEvaluationError. */
    JsonNode evaluate(Bindings bindings, String field) {
        JsonNode value = evaluate(root, bindings, field);
        if (value == null) {
            throw new StatesError(QUERY_EVALUATION_ERROR, "The JSONata expression of the field '" + field
                    + "' returned nothing (undefined)");
        }
        return value;
    }

    private static JsonNode evaluate(Node node, Bindings bindings, String field) {
        if (node instanceof Constant c) {
            return c.value().deepCopy();
        }
        if (node instanceof Expression e) {
            return run(e, bindings, field);
        }
        if (node instanceof Obj o) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, Node> entry : o.fields()) {
                JsonNode value = evaluate(entry.getValue(), bindings, field + "." + entry.getKey());
                if (value == null) {
                    throw new StatesError(QUERY_EVALUATION_ERROR, "The JSONata expression of the field '" + field + "."
                            + entry.getKey() + "' returned nothing (undefined)");
                }
                out.set(entry.getKey(), value);
            }
            return out;
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (Node item : ((Arr) node).items()) {
            JsonNode value = evaluate(item, bindings, field);
            if (value == null) {
                throw new StatesError(QUERY_EVALUATION_ERROR, "A JSONata expression in the array of the field '" + field
                        + "' returned nothing (undefined)");
            }
            out.add(value);
        }
        return out;
    }

    private static JsonNode run(Expression e, Bindings bindings, String field) {
        String source = e.source();
        try {
            Jsonata expression = e.parsed();
            Jsonata.Frame frame = expression.createFrame();
            frame.bind("states", toJava(bindings.states()));
            bindings.variables().forEach((name, value) -> frame.bind(name, toJava(value)));
            bindStepFunctionsFunctions(frame, bindings);
            Object result = expression.evaluate(toJava(bindings.states().get("input")), frame);
            return fromJava(result);
        } catch (StatesError stepFunctionsError) {
            throw stepFunctionsError;
        } catch (RuntimeException failure) {
            throw new StatesError(QUERY_EVALUATION_ERROR, "An error occurred while evaluating the JSONata expression of "
                    + "the field '" + field + "' ('" + source + "'): " + failure.getMessage());
        }
    }

    /** Step Functions' own JSONata functions, bound in the evaluation's frame. */
    private static void bindStepFunctionsFunctions(Jsonata.Frame expression, Bindings bindings) {
        expression.bind("partition", (List<Object> array, Number size) -> {
            int n = size.intValue();
            if (n <= 0) {
                throw new StatesError(QUERY_EVALUATION_ERROR, "$partition: the size must be a positive integer");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i += n) {
                out.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + n))));
            }
            return out;
        });
        expression.bind("range", Jsonata.function("range", (Jsonata.FnVarArgs<Object>) args -> {
            long start = ((Number) args.get(0)).longValue();
            long end = ((Number) args.get(1)).longValue();
            long step = args.size() > 2 ? ((Number) args.get(2)).longValue() : 1;
            if (step == 0) {
                throw new StatesError(QUERY_EVALUATION_ERROR, "$range: the step must not be 0");
            }
            List<Object> out = new ArrayList<>();
            for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
                out.add(i);
            }
            return out;
        }, "<nnn?:a<n>>"));
        expression.bind("hash", (Object value, String algorithm) -> {
            String data = value instanceof String s ? s : Json.write(fromJava(value));
            if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
                throw new StatesError(QUERY_EVALUATION_ERROR, "$hash: unsupported algorithm " + algorithm);
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                        .digest(data.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new StatesError(QUERY_EVALUATION_ERROR, "$hash: " + e.getMessage());
            }
        });
        expression.bind("random", Jsonata.function("random", (Jsonata.FnVarArgs<Object>) args ->
                args.isEmpty() || args.get(0) == null ? Math.random()
                        : new Random(((Number) args.get(0)).longValue()).nextDouble(), "<n?:n>"));
        expression.bind("uuid", () -> bindings.uuid().get());
        expression.bind("parse", (String json) -> toJava(Json.parse(json)));
    }

    /** Jackson to the plain Java values the JSONata library works on. */
    static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toJava(item)));
            return list;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        return node.asDouble();
    }

    /** An integer as Jackson's parser would read it: an int node when it fits. */
    private static JsonNode integral(long value) {
        return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
    }

    /** The library's values back to JSON; null for JSONata's undefined. Numbers with no fraction become integers. */
    static JsonNode fromJava(Object value) {
        if (value == null) {
            return null;
        }
        if (value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.object();
            map.forEach((k, v) -> {
                JsonNode converted = fromJava(v);
                if (converted != null) {
                    out.set(String.valueOf(k), converted);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = Json.NODES.arrayNode();
            for (Object item : list) {
                JsonNode converted = fromJava(item);
                if (converted != null) {
                    out.add(converted);
                }
            }
            return out;
        }
        if (value instanceof String s) {
            return Json.NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new StatesError(QUERY_EVALUATION_ERROR, "The JSONata expression produced a number JSON cannot hold");
                }
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return integral((long) d);
                }
                return Json.NODES.numberNode(d);
            }
            if (n instanceof BigDecimal bd) {
                return Json.NODES.numberNode(bd);
            }
            return integral(n.longValue());
        }
        throw new StatesError(QUERY_EVALUATION_ERROR, "The JSONata expression produced a value that is not JSON (a function?)");
    }
}
