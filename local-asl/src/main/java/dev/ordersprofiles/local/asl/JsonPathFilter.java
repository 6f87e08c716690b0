package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The predicate of a JSONPath filter, {@code [?(...)]}, in the dialect Step Functions documents (Jayway's):
 * relative paths {@code @.a.b} and root paths {@code $.x}; literals (numbers, quoted strings, true, false, null,
 * JSON arrays); the comparisons {@code == != < <= > >=}, {@code =~ /regex/} (with an optional {@code i} flag),
 * {@code in}, {@code nin}, {@code subsetof}, {@code anyof}, {@code noneof}, {@code size} and {@code empty};
 * {@code &&}, {@code ||}, {@code !} and parentheses. A bare path is an existence test. Comparisons between values of
 * different types, or with a path that matches nothing, are false rather than errors.
 */
final class JsonPathFilter {

    private sealed interface Node permits Or, And, Not, Exists, Compare {}

    private record Or(Node left, Node right) implements Node {}

    private record And(Node left, Node right) implements Node {}

    private record Not(Node inner) implements Node {}

    private record Exists(Operand path) implements Node {}

    private record Compare(Operand left, String op, Operand right) implements Node {}

    private sealed interface Operand permits PathOperand, Literal, RegexLiteral {}

    /** {@code relative}: starts at {@code @}; otherwise at {@code $}. */
    private record PathOperand(boolean relative, JsonPath path) implements Operand {}

    private record Literal(JsonNode value) implements Operand {}

    private record RegexLiteral(Pattern pattern) implements Operand {}

    private static final List<String> WORD_OPERATORS = List.of("nin", "in", "subsetof", "anyof", "noneof", "size", "empty");

    private final Node root;

    private JsonPathFilter(Node root) {
        this.root = root;
    }

    /** Parses the text between {@code [?(} and {@code )]}; throws IllegalArgumentException naming the problem. */
    static JsonPathFilter parse(String expression) {
        Parser p = new Parser(expression);
        Node node = p.or();
        p.spaces();
        if (!p.atEnd()) {
            throw new IllegalArgumentException("unexpected '" + expression.substring(p.pos) + "' in filter");
        }
        return new JsonPathFilter(node);
    }

    boolean test(JsonNode current, JsonNode document) {
        return eval(root, current, document);
    }

    private static boolean eval(Node node, JsonNode current, JsonNode document) {
        if (node instanceof Or or) {
            return eval(or.left(), current, document) || eval(or.right(), current, document);
        }
        if (node instanceof And and) {
            return eval(and.left(), current, document) && eval(and.right(), current, document);
        }
        if (node instanceof Not not) {
            return !eval(not.inner(), current, document);
        }
        if (node instanceof Exists exists) {
            JsonNode value = value(exists.path(), current, document);
            return value != null && !(value.isArray() && value.isEmpty() && !((PathOperand) exists.path()).path().isDefinite());
        }
        Compare c = (Compare) node;
        JsonNode left = value(c.left(), current, document);
        if (c.right() instanceof RegexLiteral regex) {
            return left != null && left.isTextual() && regex.pattern().matcher(left.asText()).matches();
        }
        JsonNode right = value(c.right(), current, document);
        if (left == null || right == null) {
            return false;
        }
        switch (c.op()) {
            case "==":
                return same(left, right);
            case "!=":
                return !same(left, right);
            case "<":
            case "<=":
            case ">":
            case ">=":
                return ordered(left, right, c.op());
            case "in":
                return right.isArray() && contains(right, left);
            case "nin":
                return right.isArray() && !contains(right, left);
            case "subsetof":
                return left.isArray() && right.isArray() && all(left, right);
            case "anyof":
                return left.isArray() && right.isArray() && any(left, right);
            case "noneof":
                return left.isArray() && right.isArray() && !any(left, right);
            case "size":
                return right.isNumber() && (left.isArray() || left.isTextual())
                        && right.decimalValue().compareTo(BigDecimal.valueOf(
                                left.isArray() ? left.size() : left.asText().length())) == 0;
            case "empty":
                boolean empty = (left.isArray() || left.isObject()) ? left.isEmpty()
                        : left.isTextual() && left.asText().isEmpty();
                return right.isBoolean() && empty == right.asBoolean();
            default:
                throw new IllegalStateException(c.op());
        }
    }

    private static JsonNode value(Operand operand, JsonNode current, JsonNode document) {
        if (operand instanceof Literal literal) {
            return literal.value();
        }
        PathOperand p = (PathOperand) operand;
        return p.path().read(p.relative() ? current : document, document);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean ordered(JsonNode a, JsonNode b, String op) {
        int cmp;
        if (a.isNumber() && b.isNumber()) {
            cmp = a.decimalValue().compareTo(b.decimalValue());
        } else if (a.isTextual() && b.isTextual()) {
            cmp = a.asText().compareTo(b.asText());
        } else {
            return false;
        }
        return switch (op) {
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (same(element, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(JsonNode subset, JsonNode of) {
        for (JsonNode element : subset) {
            if (!contains(of, element)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(JsonNode some, JsonNode of) {
        for (JsonNode element : some) {
            if (contains(of, element)) {
                return true;
            }
        }
        return false;
    }

    /** Recursive descent: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | '(' or ')' | test. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Node or() {
            Node left = and();
            while (eat("||")) {
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (eat("&&")) {
                left = new And(left, unary());
            }
            return left;
        }

        Node unary() {
            spaces();
            if (peek('!') && !s.startsWith("!=", pos)) {
                pos++;
                return new Not(unary());
            }
            if (peek('(')) {
                pos++;
                Node inner = or();
                expect(")");
                return inner;
            }
            return test();
        }

        Node test() {
            Operand left = operand();
            spaces();
            String op = operator();
            if (op == null) {
                if (!(left instanceof PathOperand)) {
                    throw new IllegalArgumentException("a literal alone is not a filter condition");
                }
                return new Exists(left);
            }
            spaces();
            Operand right = op.equals("=~") ? regex() : operand();
            return new Compare(left, op, right);
        }

        private String operator() {
            for (String op : List.of("==", "!=", "<=", ">=", "=~", "<", ">")) {
                if (s.startsWith(op, pos)) {
                    pos += op.length();
                    return op;
                }
            }
            for (String word : WORD_OPERATORS) {
                int end = pos + word.length();
                if (s.startsWith(word, pos) && (end >= s.length() || !Character.isLetterOrDigit(s.charAt(end)))) {
                    pos = end;
                    return word;
                }
            }
            return null;
        }

        private Operand regex() {
            if (!peek('/')) {
                throw new IllegalArgumentException("=~ needs a /regular expression/");
            }
            int end = pos + 1;
            while (end < s.length() && s.charAt(end) != '/') {
                end += s.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= s.length()) {
                throw new IllegalArgumentException("unclosed regular expression");
            }
            String body = s.substring(pos + 1, end);
            pos = end + 1;
            int flags = 0;
            if (peek('i')) {
                flags = Pattern.CASE_INSENSITIVE;
                pos++;
            }
            return new RegexLiteral(Pattern.compile(body, flags));
        }

        private Operand operand() {
            spaces();
            if (atEnd()) {
                throw new IllegalArgumentException("unexpected end of filter");
            }
            char c = s.charAt(pos);
            if (c == '@' || c == '$') {
                int start = pos;
                pos = pathEnd(pos + 1);
                String path = "$" + s.substring(start + 1, pos);
                return new PathOperand(c == '@', JsonPath.parse(path));
            }
            if (c == '\'' || c == '"') {
                int end = pos + 1;
                StringBuilder text = new StringBuilder();
                while (end < s.length() && s.charAt(end) != c) {
                    if (s.charAt(end) == '\\' && end + 1 < s.length()) {
                        end++;
                    }
                    text.append(s.charAt(end++));
                }
                if (end >= s.length()) {
                    throw new IllegalArgumentException("unclosed string in filter");
                }
                pos = end + 1;
                return new Literal(JsonNodeFactory.instance.textNode(text.toString()));
            }
            if (c == '[' || c == '{') {
                int end = matching(pos);
                String json = s.substring(pos, end + 1).replace('\'', '"');
                pos = end + 1;
                return new Literal(Json.parse(json));
            }
            int start = pos;
            while (pos < s.length() && "+-.0123456789eEtruefalsn".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "true":
                    return new Literal(JsonNodeFactory.instance.booleanNode(true));
                case "false":
                    return new Literal(JsonNodeFactory.instance.booleanNode(false));
                case "null":
                    return new Literal(JsonNodeFactory.instance.nullNode());
                default:
                    try {
                        return new Literal(JsonNodeFactory.instance.numberNode(new BigDecimal(word)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + s.substring(start) + "' is not a filter operand");
                    }
            }
        }

        /** The end of a path operand: names, dots, '*' and bracketed segments (quotes respected). */
        private int pathEnd(int from) {
            int i = from;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '[') {
                    i = matching(i) + 1;
                } else if (c == '.' || c == '*' || c == '_' || c == '-' || Character.isLetterOrDigit(c)) {
                    i++;
                } else {
                    break;
                }
            }
            return i;
        }

        private int matching(int open) {
            int close = JsonPath.closing(s, open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '" + s.charAt(open) + "' in filter");
            }
            return close;
        }

        private boolean eat(String token) {
            spaces();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!eat(token)) {
                throw new IllegalArgumentException("expected '" + token + "' at position " + pos + " of the filter");
            }
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        void spaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= s.length();
        }
    }
}
