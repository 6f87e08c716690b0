package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringTokenizer;

/**
 * An intrinsic function call ({@code States.Format('{}', $.a)}), parsed at load time and evaluated against
 * a state's input and context object. Failures at run time raise {@code States.IntrinsicFailure}.
 */
final class Intrinsic {

    /** Arity per function: {min, max}; max -1 means variadic. */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    /** What an expression is evaluated against. */
    record Env(JsonNode input, JsonNode context, java.util.function.Supplier<String> uuid,
               java.util.function.Function<String, JsonNode> variables) implements PathScope {

        Env(JsonNode input, JsonNode context, java.util.function.Supplier<String> uuid) {
            this(input, context, uuid, name -> null);
        }

        @Override
        public JsonNode variable(String name) {
            return variables.apply(name);
        }
    }

    private sealed interface Expr permits Literal, Text, PathRef, Call {}

    private record Literal(JsonNode value) implements Expr {}

    /** A quoted string literal; {@code raw} keeps backslash escapes so States.Format can tell {@code \{} from {@code {}}. */
    private record Text(String value, String raw) implements Expr {}

    private record PathRef(JsonPath path, String text) implements Expr {}

    private record Call(String name, List<Expr> args) implements Expr {}

    private final String source;
    private final Call call;

    private Intrinsic(String source, Call call) {
        this.source = source;
        this.call = call;
    }

    static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /** Parses a whole intrinsic call; throws IllegalArgumentException naming the problem. */
    static Intrinsic parse(String source) {
        Parser parser = new Parser(source);
        Expr expr = parser.expression();
        parser.skipSpaces();
        if (parser.pos != source.length()) {
            throw parser.error("unexpected text after the call");
        }
        if (!(expr instanceof Call call)) {
            throw parser.error("not an intrinsic function call");
        }
        return new Intrinsic(source, call);
    }

    JsonNode evaluate(Env env) {
        return evaluate(call, env);
    }

    @Override
    public String toString() {
        return source;
    }

    private JsonNode evaluate(Expr expr, Env env) {
        if (expr instanceof Literal l) {
            return l.value();
        }
        if (expr instanceof Text t) {
            return Json.NODES.textNode(t.value());
        }
        if (expr instanceof PathRef p) {
            JsonNode value = p.path().read(env.input(), env);
            if (value == null) {
                throw StatesError.runtime("The JsonPath argument '" + p.text() + "' of the intrinsic function "
                        + call.name() + " could not be found in the input");
            }
            return value;
        }
        Call c = (Call) expr;
        List<JsonNode> args = new ArrayList<>();
        for (Expr arg : c.args()) {
            args.add(evaluate(arg, env));
        }
        try {
            return apply(c, args, env);
        } catch (StatesError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StatesError(StatesError.INTRINSIC_FAILURE,
                    "Invalid arguments in " + c.name() + " (" + source + "): " + e.getMessage());
        }
    }

    private JsonNode apply(Call c, List<JsonNode> a, Env env) {
        switch (c.name()) {
            case "States.Format":
                return Json.NODES.textNode(format(c, a));
            case "States.StringToJson": {
                String json = text(a, 0);
                // AWS answers null for an empty or blank string rather than failing the parse.
                return json.isBlank() ? Json.NODES.nullNode() : Json.parse(json);
            }
            case "States.JsonToString":
                return Json.NODES.textNode(Json.write(a.get(0)));
            case "States.Array": {
                ArrayNode out = Json.NODES.arrayNode();
                a.forEach(out::add);
                return out;
            }
            case "States.ArrayPartition": {
                ArrayNode in = array(a, 0);
                int size = integer(a, 1);
                if (size <= 0) {
                    throw new IllegalArgumentException("chunk size must be positive");
                }
                ArrayNode out = Json.NODES.arrayNode();
                for (int i = 0; i < in.size(); i += size) {
                    ArrayNode chunk = out.addArray();
                    for (int j = i; j < Math.min(in.size(), i + size); j++) {
                        chunk.add(in.get(j));
                    }
                }
                return out;
            }
            case "States.ArrayContains": {
                for (JsonNode item : array(a, 0)) {
                    if (item.equals(a.get(1))) {
                        return Json.NODES.booleanNode(true);
                    }
                }
                return Json.NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                int start = integer(a, 0);
                int end = integer(a, 1);
                int step = integer(a, 2);
                if (step == 0) {
                    throw new IllegalArgumentException("step must not be 0");
                }
                ArrayNode out = Json.NODES.arrayNode();
                for (int i = start; step > 0 ? i <= end : i >= end; i += step) {
                    out.add(i);
                    if (out.size() > 1000) {
                        throw new IllegalArgumentException("a range may hold at most 1000 items");
                    }
                }
                return out;
            }
            case "States.ArrayGetItem": {
                JsonNode item = array(a, 0).get(integer(a, 1));
                if (item == null) {
                    throw new IllegalArgumentException("index out of bounds");
                }
                return item;
            }
            case "States.ArrayLength":
                return Json.NODES.numberNode(array(a, 0).size());
            case "States.ArrayUnique": {
                Set<JsonNode> seen = new LinkedHashSet<>();
                array(a, 0).forEach(seen::add);
                ArrayNode out = Json.NODES.arrayNode();
                seen.forEach(out::add);
                return out;
            }
            case "States.Base64Encode":
                return Json.NODES.textNode(
                        Base64.getEncoder().encodeToString(text(a, 0).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode":
                return Json.NODES.textNode(new String(Base64.getDecoder().decode(text(a, 0)), StandardCharsets.UTF_8));
            case "States.Hash":
                return Json.NODES.textNode(hash(a.get(0).isTextual() ? a.get(0).asText() : Json.write(a.get(0)),
                        text(a, 1)));
            case "States.JsonMerge": {
                if (!a.get(2).isBoolean() || a.get(2).booleanValue()) {
                    throw new IllegalArgumentException("only shallow merge (false) is supported");
                }
                if (!a.get(0).isObject() || !a.get(1).isObject()) {
                    throw new IllegalArgumentException("both arguments must be objects");
                }
                ObjectNode out = a.get(0).deepCopy();
                out.setAll((ObjectNode) a.get(1).deepCopy());
                return out;
            }
            case "States.MathRandom": {
                int start = integer(a, 0);
                int end = integer(a, 1);
                if (end <= start) {
                    throw new IllegalArgumentException("end must be greater than start");
                }
                java.util.Random random = a.size() == 3 ? new java.util.Random(integer(a, 2)) : new java.util.Random();
                return Json.NODES.numberNode(start + random.nextInt(end - start));
            }
            case "States.MathAdd":
                return Json.NODES.numberNode(Math.addExact(rounded(a, 0), rounded(a, 1)));
            case "States.StringSplit": {
                ArrayNode out = Json.NODES.arrayNode();
                StringTokenizer tokens = new StringTokenizer(text(a, 0), text(a, 1));
                while (tokens.hasMoreTokens()) {
                    out.add(tokens.nextToken());
                }
                return out;
            }
            case "States.UUID":
                return Json.NODES.textNode(env.uuid().get());
            default:
                throw new IllegalStateException("unknown intrinsic " + c.name());
        }
    }

    private static String format(Call c, List<JsonNode> a) {
        if (!(c.args().get(0) instanceof Text template)) {
            if (!a.get(0).isTextual()) {
                throw new IllegalArgumentException("the template must be a string");
            }
            return formatRaw(a.get(0).asText(), a);
        }
        return formatRaw(template.raw(), a);
    }

    private static String formatRaw(String raw, List<JsonNode> a) {
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(++i));
            } else if (ch == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                if (next >= a.size()) {
                    throw new IllegalArgumentException("more placeholders than arguments");
                }
                appendFormatted(out, a.get(next++));
                i++;
            } else {
                out.append(ch);
            }
        }
        if (next != a.size()) {
            throw new IllegalArgumentException("more arguments than placeholders");
        }
        return out.toString();
    }

    /**
     * A placeholder's text as AWS renders it: strings without quotes, numbers, booleans and null as in JSON, and
     * objects and arrays in the Java collection style AWS prints ({@code {a=1, b=[x, true]}}).
     */
    private static void appendFormatted(StringBuilder out, JsonNode value) {
        if (value.isTextual()) {
            out.append(value.asText());
        } else if (value.isObject()) {
            out.append('{');
            var fields = value.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                out.append(field.getKey()).append('=');
                appendFormatted(out, field.getValue());
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendFormatted(out, value.get(i));
            }
            out.append(']');
        } else {
            out.append(Json.write(value));
        }
    }

    /** A number rounded to the nearest integer, halves towards positive infinity (Java's Math.round), as AWS does. */
    private static int rounded(List<JsonNode> a, int i) {
        JsonNode n = a.get(i);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a number, got " + Json.typeName(n));
        }
        return n.decimalValue().add(new java.math.BigDecimal("0.5"))
                .setScale(0, java.math.RoundingMode.FLOOR).intValueExact();
    }

    private static String hash(String data, String algorithm) {
        if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
            throw new IllegalArgumentException("unsupported hash algorithm " + algorithm);
        }
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String text(List<JsonNode> a, int i) {
        if (!a.get(i).isTextual()) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be a string, got " + Json.typeName(a.get(i)));
        }
        return a.get(i).asText();
    }

    private static ArrayNode array(List<JsonNode> a, int i) {
        if (!(a.get(i) instanceof ArrayNode array)) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be an array, got " + Json.typeName(a.get(i)));
        }
        return array;
    }

    private static int integer(List<JsonNode> a, int i) {
        JsonNode n = a.get(i);
        if (!n.isNumber() || (!n.isIntegralNumber() && n.decimalValue().stripTrailingZeros().scale() > 0)) {
            throw new IllegalArgumentException("argument " + (i + 1) + " must be an integer, got " + n);
        }
        return n.decimalValue().intValueExact();
    }

    /** Recursive-descent parser for the intrinsic mini-language. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Expr expression() {
            skipSpaces();
            if (pos >= s.length()) {
                throw error("unexpected end of expression");
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                return text();
            }
            if (c == '$') {
                return path();
            }
            if (s.startsWith("States.", pos)) {
                return call();
            }
            return literal();
        }

        private Call call() {
            int open = s.indexOf('(', pos);
            if (open < 0) {
                throw error("missing '('");
            }
            String name = s.substring(pos, open).trim();
            int[] arity = ARITY.get(name);
            if (arity == null) {
                throw error("unknown intrinsic function '" + name + "'");
            }
            pos = open + 1;
            List<Expr> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
            } else {
                while (true) {
                    args.add(expression());
                    skipSpaces();
                    char c = peek();
                    pos++;
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')' in the arguments of " + name);
                    }
                }
            }
            if (args.size() < arity[0] || (arity[1] >= 0 && args.size() > arity[1])) {
                throw error(name + " takes " + (arity[0] == arity[1] ? String.valueOf(arity[0])
                        : arity[1] < 0 ? "at least " + arity[0] : arity[0] + " to " + arity[1])
                        + " arguments, got " + args.size());
            }
            return new Call(name, args);
        }

        private Text text() {
            StringBuilder value = new StringBuilder();
            int start = ++pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\' && pos + 1 < s.length()) {
                    value.append(s.charAt(pos + 1));
                    pos += 2;
                } else if (c == '\'') {
                    String raw = s.substring(start, pos);
                    pos++;
                    return new Text(value.toString(), raw);
                } else {
                    value.append(c);
                    pos++;
                }
            }
            throw error("unterminated string literal");
        }

        private PathRef path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                    break;
                }
                pos++;
            }
            String text = s.substring(start, pos);
            try {
                return new PathRef(JsonPath.parse(text), text);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private Literal literal() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ')') {
                pos++;
            }
            String token = s.substring(start, pos).trim();
            switch (token) {
                case "true":
                    return new Literal(Json.NODES.booleanNode(true));
                case "false":
                    return new Literal(Json.NODES.booleanNode(false));
                case "null":
                    return new Literal(Json.NODES.nullNode());
                default:
                    try {
                        JsonNode number = Json.parse(token);
                        if (number.isNumber()) {
                            return new Literal(number);
                        }
                    } catch (IllegalArgumentException e) {
                        // fall through to the error below
                    }
                    throw error("unexpected token '" + token + "'");
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end of expression");
            }
            return s.charAt(pos);
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("invalid intrinsic function '" + s + "': " + why);
        }
    }
}
