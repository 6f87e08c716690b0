package dev.ordersprofiles.local.template;

import static dev.ordersprofiles.local.template.TemplateReader.ACCOUNT;
import static dev.ordersprofiles.local.template.TemplateReader.REGION;
import static dev.ordersprofiles.local.template.TemplateReader.STACK;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsics for the local world: parameters and conditions as given, pseudo parameters
 * of a fixed local account, and resource references as local names and ARNs.
 */
final class Resolver {
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> resources;
    private final Map<String, Boolean> evaluatedConditions = new HashMap<>();

    Resolver(Map<String, String> parameters, Map<String, Object> conditions, Map<String, Object> resources) {
        this.parameters = parameters;
        this.conditions = conditions;
        this.resources = resources;
    }

    /** The value with every intrinsic evaluated; keys or items that resolve to AWS::NoValue are dropped. */
    Object resolve(Object node, String where) {
        Object value = evaluate(node, where);
        if (value == NO_VALUE) {
            throw new TemplateException(where + " resolves to AWS::NoValue");
        }
        return value;
    }

    boolean condition(String name) {
        Boolean known = evaluatedConditions.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new TemplateException("condition " + name + " is not defined");
        }
        boolean value = truth(evaluate(conditions.get(name), "Conditions." + name), "Conditions." + name);
        evaluatedConditions.put(name, value);
        return value;
    }

    String functionName(String id) {
        return TemplateReader.localName(id, "Function");
    }

    String functionArn(String id) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName(id);
    }

    String tableName(String id) {
        return TemplateReader.localName(id, "Table");
    }

    /**
     * The local id of an app client: 26 lower-case letters and digits, as Cognito's ids look, derived from the
     * logical id (so it is the same on every start and in every test).
     */
    static String userPoolClientId(String id) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("local-user-pool-client:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder out = new StringBuilder(26);
            for (int i = 0; i < 26; i++) {
                out.append(alphabet.charAt((hash[i] & 0xff) % alphabet.length()));
            }
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    String stateMachineName(String id) {
        return id;
    }

    String stateMachineArn(String id) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + stateMachineName(id);
    }

    private Object evaluate(Object node, String where) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsic(key, map.values().iterator().next(), where);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object value = evaluate(e.getValue(), where + "." + e.getKey());
                if (value != NO_VALUE) {
                    out.put(String.valueOf(e.getKey()), value);
                }
            }
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object value = evaluate(list.get(i), where + "[" + i + "]");
                if (value != NO_VALUE) {
                    out.add(value);
                }
            }
            return out;
        }
        return node;
    }

    private Object intrinsic(String name, Object argument, String where) {
        String at = where + " (" + name + ")";
        switch (name) {
            case "Ref":
                return ref(String.valueOf(argument), at);
            case "Condition":
                return condition(String.valueOf(argument));
            case "Fn::GetAtt": {
                List<?> args = list(evaluate(argument, at), 2, at);
                return getAtt(String.valueOf(args.get(0)), String.valueOf(args.get(1)), at);
            }
            case "Fn::Sub":
                return sub(argument, at);
            case "Fn::If": {
                List<?> args = list(argument, 3, at);
                return evaluate(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2), at);
            }
            case "Fn::Equals": {
                List<?> args = list(evaluate(argument, at), 2, at);
                return String.valueOf(args.get(0)).equals(String.valueOf(args.get(1)));
            }
            case "Fn::Not":
                return !truth(list(evaluate(argument, at), 1, at).get(0), at);
            case "Fn::And":
                return ((List<?>) list(evaluate(argument, at), -1, at)).stream().allMatch(v -> truth(v, at));
            case "Fn::Or":
                return ((List<?>) list(evaluate(argument, at), -1, at)).stream().anyMatch(v -> truth(v, at));
            case "Fn::Join": {
                List<?> args = list(evaluate(argument, at), 2, at);
                List<String> parts = new ArrayList<>();
                for (Object part : list(args.get(1), -1, at)) {
                    parts.add(String.valueOf(part));
                }
                return String.join(String.valueOf(args.get(0)), parts);
            }
            case "Fn::Select": {
                List<?> args = list(evaluate(argument, at), 2, at);
                List<?> from = list(args.get(1), -1, at);
                int index = Integer.parseInt(String.valueOf(args.get(0)));
                if (index < 0 || index >= from.size()) {
                    throw new TemplateException(at + ": index " + index + " is out of range");
                }
                return from.get(index);
            }
            case "Fn::Split": {
                List<?> args = list(evaluate(argument, at), 2, at);
                return List.of(String.valueOf(args.get(1)).split(Pattern.quote(String.valueOf(args.get(0))), -1));
            }
            case "Fn::GetAZs":
                return List.of(REGION + "a", REGION + "b", REGION + "c");
            case "Fn::Base64":
                return java.util.Base64.getEncoder().encodeToString(String.valueOf(evaluate(argument, at))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default:
                throw new TemplateException(at + ": intrinsic " + name + " is not supported by the local stack");
        }
    }

    private Object ref(String name, String where) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return STACK;
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + STACK + "/local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && resourceType(name.substring(0, dot)).equals("AWS::Serverless::Function")) {
            // SAM's generated references: Function.Alias and Function.Version.
            String function = name.substring(0, dot);
            String what = name.substring(dot + 1);
            if (what.equals("Alias")) {
                Object alias = properties(function).get("AutoPublishAlias");
                if (alias == null) {
                    throw new TemplateException(where + ": " + function + " has no AutoPublishAlias");
                }
                return functionArn(function) + ":" + alias;
            }
            if (what.equals("Version")) {
                return functionArn(function) + ":1";
            }
        }
        String type = resourceType(name);
        return switch (type) {
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functionName(name);
            case "AWS::DynamoDB::Table" -> tableName(name);
            case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" -> stateMachineArn(name);
            case "AWS::SQS::Queue" -> "http://127.0.0.1/" + ACCOUNT + "/" + name;
            case "AWS::Cognito::UserPoolClient" -> userPoolClientId(name);
            default -> name;
        };
    }

    private Object getAtt(String resource, String attribute, String where) {
        String type = resourceType(resource);
        String value = switch (type + "." + attribute) {
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> functionArn(resource);
            case "AWS::DynamoDB::Table.Arn" -> tableArn(resource);
            case "AWS::DynamoDB::Table.StreamArn" -> tableArn(resource) + "/stream/local";
            case "AWS::Serverless::StateMachine.Name", "AWS::StepFunctions::StateMachine.Name" ->
                    stateMachineName(resource);
            case "AWS::Serverless::StateMachine.Arn", "AWS::StepFunctions::StateMachine.Arn" ->
                    stateMachineArn(resource);
            case "AWS::SQS::Queue.QueueName" -> resource;
            // A name no browser resolves (.invalid is reserved): locally the docs are the stack's own origin.
            case "AWS::CloudFront::Distribution.DomainName" -> resource.toLowerCase(java.util.Locale.ROOT)
                    + ".cloudfront.invalid";
            default -> "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + resource + "/" + attribute;
        };
        return value;
    }

    private String tableArn(String id) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + tableName(id);
    }

    private Object sub(Object argument, String where) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> args) {
            List<?> pair = list(args, 2, where);
            text = String.valueOf(pair.get(0));
            for (Map.Entry<?, ?> v : TemplateReader.map(evaluate(pair.get(1), where), where).entrySet()) {
                variables.put(String.valueOf(v.getKey()), v.getValue());
            }
        } else {
            text = String.valueOf(argument);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = String.valueOf(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")
                    && resources.containsKey(variable.substring(0, variable.indexOf('.')))) {
                int dot = variable.indexOf('.');
                replacement = String.valueOf(getAtt(variable.substring(0, dot), variable.substring(dot + 1), where));
            } else {
                replacement = String.valueOf(ref(variable, where));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resourceType(String id) {
        Object resource = resources.get(id);
        if (!(resource instanceof Map<?, ?> r)) {
            if (parameters.containsKey(id)) {
                return "Parameter";
            }
            throw new TemplateException("reference to " + id + ", which is neither a parameter nor a resource");
        }
        return String.valueOf(r.get("Type"));
    }

    private Map<?, ?> properties(String id) {
        Object resource = resources.get(id);
        return resource instanceof Map<?, ?> r && r.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
    }

    private boolean truth(Object value, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
            return Boolean.parseBoolean(String.valueOf(value));
        }
        throw new TemplateException(where + ": " + value + " is not a condition value");
    }

    private static List<?> list(Object value, int size, String where) {
        if (!(value instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new TemplateException(where + " needs a list" + (size >= 0 ? " of " + size + " items" : ""));
        }
        return list;
    }
}
