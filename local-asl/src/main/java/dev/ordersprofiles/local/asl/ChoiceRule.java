package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A Choice state rule: a boolean expression (And/Or/Not) over data-test expressions on the state's input. */
sealed interface ChoiceRule permits ChoiceRule.And, ChoiceRule.Or, ChoiceRule.Not, ChoiceRule.Test {

    /** Evaluates the rule; {@code context} supplies the context object for {@code $$} paths. */
    boolean matches(JsonNode input, PathScope context);

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, PathScope context) {
            return rules.stream().allMatch(r -> r.matches(input, context));
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, PathScope context) {
            return rules.stream().anyMatch(r -> r.matches(input, context));
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, PathScope context) {
            return !rule.matches(input, context);
        }
    }

    /** One comparison operator applied to the value at {@code variable}. */
    record Test(JsonPath variable, String operator, JsonNode operand, JsonPath operandPath) implements ChoiceRule {

        @Override
        public boolean matches(JsonNode input, PathScope context) {
            JsonNode value = variable.read(input, context);
            if (operator.equals("IsPresent")) {
                boolean present = value != null && !(value.isArray() && value.isEmpty() && !variable.isDefinite());
                return present == operand.booleanValue();
            }
            if (value == null) {
                throw StatesError.runtime("Invalid path '" + variable + "': The choice state's condition path references an "
                        + "invalid value.");
            }
            JsonNode other = operand;
            if (operandPath != null) {
                other = operandPath.read(input, context);
                if (other == null) {
                    throw StatesError.runtime("Invalid path '" + operandPath + "': The choice state's condition path "
                            + "references an invalid value.");
                }
            }
            String op = operator.endsWith("Path") ? operator.substring(0, operator.length() - 4) : operator;
            switch (op) {
                case "IsNull":
                    return value.isNull() == operand.booleanValue();
                case "IsNumeric":
                    return value.isNumber() == operand.booleanValue();
                case "IsString":
                    return value.isTextual() == operand.booleanValue();
                case "IsBoolean":
                    return value.isBoolean() == operand.booleanValue();
                case "IsTimestamp":
                    return (timestamp(value) != null) == operand.booleanValue();
                case "BooleanEquals":
                    return value.isBoolean() && other.isBoolean() && value.booleanValue() == other.booleanValue();
                case "StringMatches":
                    return value.isTextual() && wildcard(other.asText()).matcher(value.asText()).matches();
                default:
                    break;
            }
            Integer cmp = compare(op, value, other);
            if (cmp == null) {
                return false;
            }
            String relation = op.replaceFirst("^(String|Numeric|Timestamp)", "");
            switch (relation) {
                case "Equals":
                    return cmp == 0;
                case "LessThan":
                    return cmp < 0;
                case "GreaterThan":
                    return cmp > 0;
                case "LessThanEquals":
                    return cmp <= 0;
                case "GreaterThanEquals":
                    return cmp >= 0;
                default:
                    throw new IllegalStateException("unknown operator " + operator);
            }
        }

        private static Integer compare(String op, JsonNode a, JsonNode b) {
            if (op.startsWith("String")) {
                return a.isTextual() && b.isTextual() ? Integer.signum(a.asText().compareTo(b.asText())) : null;
            }
            if (op.startsWith("Numeric")) {
                return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : null;
            }
            OffsetDateTime x = timestamp(a);
            OffsetDateTime y = timestamp(b);
            return x == null || y == null ? null : x.toInstant().compareTo(y.toInstant());
        }
    }

    Set<String> TYPED_OPERATORS = Set.of("StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals",
            "StringGreaterThanEquals", "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
            "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
            "TimestampLessThanEquals", "TimestampGreaterThanEquals");

    Set<String> TYPE_TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    /** RFC 3339 timestamps as Step Functions accepts them: an uppercase T and an offset or Z. */
    static OffsetDateTime timestamp(JsonNode node) {
        if (node == null || !node.isTextual() || !node.asText().contains("T")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literals. */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /**
     * Compiles a rule object. {@code where} locates it for error messages; {@code topLevel} rules carry a Next,
     * nested ones must not.
     */
    static ChoiceRule compile(JsonNode rule, String where, boolean topLevel) {
        if (!rule.isObject()) {
            throw new AslDefinitionException(where + ": a choice rule must be an object");
        }
        List<String> operators = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : rule.properties()) {
            String key = e.getKey();
            boolean known = key.equals("And") || key.equals("Or") || key.equals("Not") || key.equals("Variable")
                    || key.equals("Comment") || key.equals("Next") || TYPE_TESTS.contains(key) || key.equals("StringMatches")
                    || TYPED_OPERATORS.contains(key)
                    || (key.endsWith("Path") && TYPED_OPERATORS.contains(key.substring(0, key.length() - 4)));
            if (!known) {
                throw new AslDefinitionException(where + ": unknown field \"" + key + "\""
                        + (key.equals("Condition") ? " (JSONata conditions are not supported)" : ""));
            }
            if (!List.of("Variable", "Comment", "Next").contains(key)) {
                operators.add(key);
            }
        }
        if (topLevel && !rule.path("Next").isTextual()) {
            throw new AslDefinitionException(where + ": field \"Next\" is required on a top-level choice rule");
        }
        if (!topLevel && rule.has("Next")) {
            throw new AslDefinitionException(where + ": field \"Next\" is only allowed on top-level choice rules");
        }
        if (operators.size() != 1) {
            throw new AslDefinitionException(where + ": a choice rule needs exactly one comparison operator or And/Or/Not,"
                    + " found " + operators);
        }
        String op = operators.get(0);
        JsonNode value = rule.get(op);
        switch (op) {
            case "And":
            case "Or": {
                if (!value.isArray() || value.isEmpty()) {
                    throw new AslDefinitionException(where + ": field \"" + op + "\" must be a non-empty array");
                }
                List<ChoiceRule> rules = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    rules.add(compile(value.get(i), where + "." + op + "[" + i + "]", false));
                }
                return op.equals("And") ? new And(rules) : new Or(rules);
            }
            case "Not":
                return new Not(compile(value, where + ".Not", false));
            default:
                break;
        }
        if (rule.has("Variable") && !rule.get("Variable").isTextual()) {
            throw new AslDefinitionException(where + ": field \"Variable\" must be a string");
        }
        String variableText = rule.path("Variable").asText(null);
        if (variableText == null) {
            throw new AslDefinitionException(where + ": field \"Variable\" is required with " + op);
        }
        JsonPath variable = path(variableText, where + ": field \"Variable\"");
        String fieldWhere = where + ": field \"" + op + "\"";
        if (op.endsWith("Path")) {
            if (!value.isTextual()) {
                throw new AslDefinitionException(fieldWhere + " must be a JSONPath string");
            }
            return new Test(variable, op, null, path(value.asText(), fieldWhere));
        }
        boolean ok;
        if (TYPE_TESTS.contains(op) || op.equals("BooleanEquals")) {
            ok = value.isBoolean();
        } else if (op.startsWith("Numeric")) {
            ok = value.isNumber();
        } else if (op.startsWith("Timestamp")) {
            ok = timestamp(value) != null;
        } else {
            ok = value.isTextual();
        }
        if (!ok) {
            throw new AslDefinitionException(fieldWhere + " has a value of the wrong type: " + value);
        }
        return new Test(variable, op, value, null);
    }

    private static JsonPath path(String text, String where) {
        try {
            return JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AslDefinitionException(where + ": " + e.getMessage());
        }
    }
}
