package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed JSONPath as ASL uses it: {@code $}, {@code .name}, {@code ['name']}, {@code [0]}, {@code [-1]},
 * {@code [*]}, {@code .*}, {@code [1:3]}, {@code [0,2]}, {@code ..name} and filter expressions
 * ({@code [?(@.price > 10 && @.tags)]}, see {@link JsonPathFilter}). Script expressions and functions are rejected
 * at parse time.
 *
 * <p>A path without wildcards, slices, unions or deep scans is <em>definite</em>: it selects at most one node.
 * An indefinite path always yields an array of matches (possibly empty).
 */
final class JsonPath {

    static final JsonPath ROOT = new JsonPath("$", List.of(), false);

    private sealed interface Segment permits Field, Index, Wildcard, Slice, Union, Deep, Filter {}

    private record Filter(JsonPathFilter predicate) implements Segment {}

    private record Field(String name) implements Segment {}

    private record Index(int index) implements Segment {}

    private record Wildcard() implements Segment {}

    private record Slice(Integer start, Integer end) implements Segment {}

    private record Union(List<Object> keys) implements Segment {}

    private record Deep(String name) implements Segment {}

    private final String text;
    private final List<Segment> segments;
    /** A path into the context object: written {@code $$.Execution.Id}. */
    private final boolean context;
    /** The workflow variable the path starts at ({@code $order.id}), or null. */
    private final String variable;

    private JsonPath(String text, List<Segment> segments, boolean context) {
        this(text, segments, context, null);
    }

    private JsonPath(String text, List<Segment> segments, boolean context, String variable) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.context = context;
        this.variable = variable;
    }

    /** Parses a path that starts with {@code $}; throws IllegalArgumentException naming the problem. */
    static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("'" + text + "' is not a JSONPath (it must start with '$')");
        }
        if (text.startsWith("$$")) {
            JsonPath inner = parse(text.substring(1));
            if (inner.variable != null) {
                throw bad(text, "'$$' must be followed by '.' or '['");
            }
            return new JsonPath(text, inner.segments, true);
        }
        if (text.length() > 1 && isNameStart(text.charAt(1))) {
            int end = 2;
            while (end < text.length() && isNamePart(text.charAt(end))) {
                end++;
            }
            JsonPath inner = parse("$" + text.substring(end));
            return new JsonPath(text, inner.segments, false, text.substring(1, end));
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                if (i + 1 < n && text.charAt(i + 1) == '.') {
                    int start = i + 2;
                    int end = nameEnd(text, start);
                    String name = text.substring(start, end);
                    if (name.isEmpty()) {
                        throw bad(text, "'..' must be followed by a name or '*'");
                    }
                    segments.add(new Deep(name));
                    i = end;
                    continue;
                }
                int start = i + 1;
                int end = nameEnd(text, start);
                String name = text.substring(start, end);
                if (name.isEmpty()) {
                    throw bad(text, "empty name after '.' at position " + i);
                }
                segments.add(name.equals("*") ? new Wildcard() : new Field(name));
                i = end;
            } else if (c == '[') {
                int close = closingBracket(text, i);
                segments.add(bracket(text, text.substring(i + 1, close).trim()));
                i = close + 1;
            } else {
                throw bad(text, "unexpected '" + c + "' at position " + i);
            }
        }
        return new JsonPath(text, segments, false);
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static int nameEnd(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ']' || c == '(' || c == ')' || c == '\'' || c == '"') {
                throw bad(text, "unexpected '" + c + "' at position " + i);
            }
            i++;
        }
        return i;
    }

    private static int closingBracket(String text, int open) {
        int close = closing(text, open);
        if (close < 0) {
            throw bad(text, "unclosed '[' at position " + open);
        }
        return close;
    }

    /**
     * The index of the bracket closing the {@code '['} or {@code '{'} at {@code open}, skipping quoted strings (with
     * backslash escapes) and nested pairs; -1 when it is never closed. Paths and filter expressions share it.
     */
    static int closing(String text, int open) {
        char openChar = text.charAt(open);
        char closeChar = openChar == '[' ? ']' : '}';
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == openChar) {
                depth++;
            } else if (c == closeChar && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Segment bracket(String text, String body) {
        if (body.startsWith("?")) {
            String inner = body.substring(1).trim();
            if (!inner.startsWith("(") || !inner.endsWith(")")) {
                throw bad(text, "a filter is written [?(expression)]");
            }
            try {
                return new Filter(JsonPathFilter.parse(inner.substring(1, inner.length() - 1)));
            } catch (IllegalArgumentException e) {
                throw bad(text, e.getMessage());
            }
        }
        if (body.startsWith("(")) {
            throw bad(text, "script expressions are not supported");
        }
        if (body.equals("*")) {
            return new Wildcard();
        }
        List<String> parts = splitUnion(body);
        if (parts.size() > 1) {
            List<Object> keys = new ArrayList<>();
            for (String part : parts) {
                keys.add(key(text, part.trim()));
            }
            return new Union(keys);
        }
        if (body.contains(":") && !isQuoted(body)) {
            String[] bounds = body.split(":", -1);
            if (bounds.length > 2) {
                throw bad(text, "slice steps are not supported");
            }
            return new Slice(optionalInt(text, bounds[0]), optionalInt(text, bounds[1]));
        }
        Object key = key(text, body);
        return key instanceof Integer index ? new Index(index) : new Field((String) key);
    }

    private static List<String> splitUnion(String body) {
        List<String> parts = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    private static boolean isQuoted(String s) {
        return s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0);
    }

    private static Object key(String text, String part) {
        if (isQuoted(part)) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < part.length() - 1; i++) {
                char c = part.charAt(i);
                // A backslash escapes only the quote and itself; before any other character it is kept, as AWS
                // reads the path $['a\"b'] as the name a\"b (as LocalStack's AWS-validated recordings show).
                if (c == '\\' && i + 1 < part.length() - 1
                        && (part.charAt(i + 1) == part.charAt(0) || part.charAt(i + 1) == '\\')) {
                    c = part.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw bad(text, "'[" + part + "]' is neither a quoted name nor an integer index");
        }
    }

    private static Integer optionalInt(String text, String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw bad(text, "slice bound '" + t + "' is not an integer");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("invalid JSONPath '" + text + "': " + why);
    }

    /** True when the path selects at most one node (no wildcard, slice, union or deep scan). */
    boolean isDefinite() {
        return segments.stream().allMatch(s -> s instanceof Field || s instanceof Index);
    }

    /** True for reference paths (ResultPath): definite, and only names and non-negative indexes. */
    boolean isReference() {
        return !context && variable == null && segments.stream().allMatch(s -> s instanceof Field || (s instanceof Index i && i.index() >= 0));
    }

    boolean isRoot() {
        return !context && variable == null && segments.isEmpty();
    }

    /** The workflow variable this path reads, or null when it reads the input or the context object. */
    String variable() {
        return variable;
    }

    /** Whether this path reads the context object ({@code $$}) rather than the state's input. */
    boolean isContext() {
        return context;
    }

    /**
     * Reads the path from the state's input, from the context object when it starts with {@code $$}, or from a
     * workflow variable when it starts with {@code $name}. An unassigned variable is a States.Runtime error.
     */
    JsonNode read(JsonNode input, PathScope scope) {
        if (context) {
            return read(scope.context());
        }
        if (variable != null) {
            JsonNode value = scope.variable(variable);
            if (value == null) {
                throw StatesError.runtime("Invalid path '" + text + "': the variable $" + variable
                        + " has not been assigned");
            }
            return read(value);
        }
        return read(input);
    }

    /**
     * Reads the path. A definite path returns the node or {@code null} when nothing matches;
     * an indefinite path returns an array of all matches.
     */
    JsonNode read(JsonNode root) {
        return read(root, root);
    }

    /** Reads the path from {@code start}; {@code root} is what {@code $} means inside filter expressions. */
    JsonNode read(JsonNode start, JsonNode root) {
        List<JsonNode> current = List.of(start);
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                select(segment, node, next, root);
            }
            current = next;
        }
        if (isDefinite()) {
            return current.isEmpty() ? null : current.get(0);
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        current.forEach(all::add);
        return all;
    }

    private static void select(Segment segment, JsonNode node, List<JsonNode> out, JsonNode root) {
        if (segment instanceof Filter filter) {
            if (node.isArray()) {
                node.elements().forEachRemaining(child -> {
                    if (filter.predicate().test(child, root)) {
                        out.add(child);
                    }
                });
            } else if (node.isObject() && filter.predicate().test(node, root)) {
                out.add(node);
            }
        } else if (segment instanceof Field f) {
            if (node.isObject() && node.has(f.name())) {
                out.add(node.get(f.name()));
            }
        } else if (segment instanceof Index ix) {
            if (node.isArray()) {
                int i = ix.index() < 0 ? node.size() + ix.index() : ix.index();
                if (i >= 0 && i < node.size()) {
                    out.add(node.get(i));
                }
            }
        } else if (segment instanceof Wildcard) {
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(out::add);
            }
        } else if (segment instanceof Slice s) {
            if (node.isArray()) {
                int size = node.size();
                int from = clamp(s.start() == null ? 0 : s.start(), size);
                int to = clamp(s.end() == null ? size : s.end(), size);
                for (int i = from; i < to; i++) {
                    out.add(node.get(i));
                }
            }
        } else if (segment instanceof Union u) {
            for (Object key : u.keys()) {
                select(key instanceof Integer i ? new Index(i) : new Field((String) key), node, out, root);
            }
        } else if (segment instanceof Deep d) {
            deepScan(d.name(), node, out);
        }
    }

    private static int clamp(int index, int size) {
        int i = index < 0 ? size + index : index;
        return Math.max(0, Math.min(size, i));
    }

    private static void deepScan(String name, JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (name.equals("*") || name.equals(e.getKey())) {
                    out.add(e.getValue());
                }
                deepScan(name, e.getValue(), out);
            });
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> {
                if (name.equals("*")) {
                    out.add(child);
                }
                deepScan(name, child, out);
            });
        }
    }

    /**
     * Returns a copy of {@code root} with {@code value} placed at this reference path, creating missing
     * objects on the way. Throws IllegalArgumentException when an existing node on the way is not a
     * container that can hold the next segment.
     */
    JsonNode write(JsonNode root, JsonNode value) {
        if (segments.isEmpty()) {
            return value;
        }
        JsonNode copy = root.deepCopy();
        if (!copy.isContainerNode()) {
            throw new IllegalArgumentException("cannot apply ResultPath '" + text + "' to non-object input " + copy);
        }
        JsonNode node = copy;
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            Segment segment = segments.get(i);
            if (segment instanceof Field f && node instanceof ObjectNode object) {
                if (last) {
                    object.set(f.name(), value);
                } else {
                    JsonNode child = object.get(f.name());
                    if (child == null || child.isNull()) {
                        child = object.putObject(f.name());
                    }
                    node = child;
                }
            } else if (segment instanceof Index ix && node instanceof ArrayNode array && ix.index() < array.size()) {
                if (last) {
                    array.set(ix.index(), value);
                } else {
                    node = array.get(ix.index());
                }
            } else {
                throw new IllegalArgumentException(
                        "cannot apply ResultPath '" + text + "': segment " + (i + 1) + " does not fit the input");
            }
        }
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }
}
