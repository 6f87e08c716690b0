package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.local.asl.State.IoPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates an ASL definition (JSONPath and JSONata query languages). Every problem is an
 * {@link AslDefinitionException} whose message names the state and field; constructs outside the
 * supported subset are load errors, never ignored.
 */
final class DefinitionParser {

    private static final Set<String> TOP_FIELDS = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version",
            "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States", "ProcessorConfig");

    private static final Set<String> COMMON = Set.of("Type", "Comment", "InputPath", "OutputPath", "QueryLanguage");
    private static final Set<String> FLOW = Set.of("Next", "End");
    private static final Map<State.Type, Set<String>> FIELDS = Map.of(
            State.Type.Pass, union(COMMON, FLOW, Set.of("ResultPath", "Parameters", "Result", "Assign")),
            State.Type.Task, union(COMMON, FLOW, Set.of("Resource", "ResultPath", "Parameters", "ResultSelector", "Retry",
                    "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Assign")),
            State.Type.Choice, union(COMMON, Set.of("Choices", "Default", "Assign")),
            State.Type.Wait, union(COMMON, FLOW, Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign")),
            State.Type.Succeed, COMMON,
            State.Type.Fail, Set.of("Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath", "QueryLanguage"),
            State.Type.Parallel, union(COMMON, FLOW, Set.of("Branches", "ResultPath", "Parameters", "ResultSelector",
                    "Retry", "Catch", "Assign")),
            State.Type.Map, union(COMMON, FLOW, Set.of("Iterator", "ItemProcessor", "ItemsPath", "ItemSelector",
                    "Parameters", "MaxConcurrency", "MaxConcurrencyPath", "ResultPath", "ResultSelector", "Retry",
                    "Catch", "Assign", "ItemBatcher", "ToleratedFailurePercentage", "ToleratedFailureCount",
                    "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "Label")));

    /** The fields of JSONata states (InputPath, Parameters, ResultSelector, ResultPath and OutputPath are JSONPath only). */
    private static final Set<String> JSONATA_COMMON = Set.of("Type", "Comment", "QueryLanguage", "Output", "Assign");
    private static final Map<State.Type, Set<String>> JSONATA_FIELDS = Map.of(
            State.Type.Pass, union(JSONATA_COMMON, FLOW, Set.of()),
            State.Type.Task, union(JSONATA_COMMON, FLOW, Set.of("Resource", "Arguments", "Retry", "Catch",
                    "TimeoutSeconds", "HeartbeatSeconds")),
            State.Type.Choice, union(JSONATA_COMMON, Set.of("Choices", "Default")),
            State.Type.Wait, union(JSONATA_COMMON, FLOW, Set.of("Seconds", "Timestamp")),
            State.Type.Succeed, Set.of("Type", "Comment", "QueryLanguage", "Output"),
            State.Type.Fail, Set.of("Type", "Comment", "QueryLanguage", "Error", "Cause"),
            State.Type.Parallel, union(JSONATA_COMMON, FLOW, Set.of("Branches", "Arguments", "Retry", "Catch")),
            State.Type.Map, union(JSONATA_COMMON, FLOW, Set.of("ItemProcessor", "Items", "ItemSelector",
                    "MaxConcurrency", "Retry", "Catch", "ItemBatcher", "ToleratedFailurePercentage",
                    "ToleratedFailureCount", "Label")));

    /** The Map fields that only a Distributed Map takes. */
    private static final List<String> DISTRIBUTED_ONLY = List.of("ItemBatcher", "ToleratedFailurePercentage",
            "ToleratedFailureCount", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "Label");
    private static final Pattern LABEL = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,40}");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");

    /** Valid ASL we deliberately do not run: a load error that says so. */
    private static final Map<String, String> UNSUPPORTED_FIELDS = Map.ofEntries(
            Map.entry("Credentials", "cross-account Credentials are not supported"),
            Map.entry("ItemReader", "ItemReader reads the items from Amazon S3, which the local stack does not have; "
                    + "give the items in the state input (ItemsPath, or Items with JSONata)"),
            Map.entry("ResultWriter", "ResultWriter writes the results to Amazon S3, which the local stack does not "
                    + "have; without it the results are the Map state's output"));

    static final String LAMBDA_INVOKE = "lambda:invoke";
    /** The optimized DynamoDB integration (request-response), run against the stack's store. */
    private static final Pattern DYNAMODB = Pattern.compile(
            "arn:aws[a-z-]*:states:::(dynamodb):(getItem|putItem|updateItem|deleteItem)"
                    + "|arn:aws[a-z-]*:states:::(states):(startExecution(?:\\.sync(?::2)?)?)");
    private static final Pattern INVOKE = Pattern.compile("arn:aws[a-z-]*:states:::lambda:invoke(\\.waitForTaskToken)?");
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?");
    private static final Set<String> INVOKE_PARAMETERS = Set.of("FunctionName", "Payload", "Qualifier", "InvocationType");

    private DefinitionParser() {}

    record Parsed(State.Branch top, Integer timeoutSeconds) {}

    static Parsed parse(JsonNode root) {
        if (!root.isObject()) {
            throw new AslDefinitionException("the definition must be a JSON object");
        }
        for (String field : names(root)) {
            if (!TOP_FIELDS.contains(field)) {
                throw new AslDefinitionException("top level: unknown field \"" + field + "\"");
            }
        }
        boolean jsonata = checkQueryLanguage(root, "top level", false);
        Integer timeout = positiveInt(root, "TimeoutSeconds", "top level");
        return new Parsed(branch(root, "top level", jsonata), timeout);
    }

    private static State.Branch branch(JsonNode node, String where, boolean jsonataDefault) {
        JsonNode startAt = node.get("StartAt");
        if (startAt == null || !startAt.isTextual()) {
            throw new AslDefinitionException(where + ": field \"StartAt\" is required and must be a string");
        }
        JsonNode states = node.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            throw new AslDefinitionException(where + ": field \"States\" is required and must be a non-empty object");
        }
        Map<String, State> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            parsed.put(e.getKey(), state(e.getKey(), e.getValue(), jsonataDefault));
        }
        if (!parsed.containsKey(startAt.asText())) {
            throw new AslDefinitionException(where + ": field \"StartAt\" refers to missing state \"" + startAt.asText() + "\"");
        }
        for (State s : parsed.values()) {
            checkTarget(parsed, s, "Next", s.next());
            checkTarget(parsed, s, "Default", s.defaultNext());
            if (s.choices() != null) {
                for (int i = 0; i < s.choices().size(); i++) {
                    checkTarget(parsed, s, "Choices[" + i + "].Next", s.choices().get(i).next());
                }
            }
            for (int i = 0; i < s.catchers().size(); i++) {
                checkTarget(parsed, s, "Catch[" + i + "].Next", s.catchers().get(i).next());
            }
        }
        return new State.Branch(startAt.asText(), parsed);
    }

    private static void checkTarget(Map<String, State> states, State s, String field, String target) {
        if (target != null && !states.containsKey(target)) {
            throw new AslDefinitionException(at(s.name()) + ": field \"" + field + "\" refers to missing state \"" + target
                    + "\"");
        }
    }

    private static String at(String state) {
        return "State \"" + state + "\"";
    }

    private static State state(String name, JsonNode node, boolean jsonataDefault) {
        String where = at(name);
        if (!node.isObject()) {
            throw new AslDefinitionException(where + ": a state must be an object");
        }
        JsonNode typeNode = node.get("Type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new AslDefinitionException(where + ": field \"Type\" is required");
        }
        State.Type type;
        try {
            type = State.Type.valueOf(typeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new AslDefinitionException(where + ": field \"Type\": unknown state type \"" + typeNode.asText() + "\"");
        }
        boolean jsonata = checkQueryLanguage(node, where, jsonataDefault);
        Set<String> allowed = (jsonata ? JSONATA_FIELDS : FIELDS).get(type);
        for (String field : names(node)) {
            if (UNSUPPORTED_FIELDS.containsKey(field)) {
                throw new AslDefinitionException(where + ": field \"" + field + "\": unsupported: "
                        + UNSUPPORTED_FIELDS.get(field));
            }
            if (!allowed.contains(field)) {
                throw new AslDefinitionException(where + ": field \"" + field + "\" is not allowed in a " + type + " state"
                        + (jsonata ? " that uses JSONata" : ""));
            }
        }
        if (jsonata) {
            return jsonataState(name, node, type, where);
        }

        String next = flow(node, where, type);
        IoPath in = ioPath(node, "InputPath", where, false);
        IoPath out = ioPath(node, "OutputPath", where, false);
        IoPath resultPath = ioPath(node, "ResultPath", where, true);
        PayloadTemplate parameters = template(node, "Parameters", where);
        PayloadTemplate resultSelector = template(node, "ResultSelector", where);
        List<State.Retrier> retriers = retriers(node, where);
        List<State.Catcher> catchers = catchers(node, where);

        State.TaskTarget task = null;
        Integer timeoutSeconds = null;
        JsonPath timeoutPath = null;
        List<State.Choice> choices = null;
        String defaultNext = null;
        Long waitSeconds = null;
        String waitTimestamp = null;
        JsonPath waitSecondsPath = null;
        JsonPath waitTimestampPath = null;
        String failError = null;
        String failCause = null;
        PayloadTemplate failErrorPath = null;
        PayloadTemplate failCausePath = null;
        List<State.Branch> branches = null;
        State.Branch iterator = null;
        JsonPath itemsPath = null;
        PayloadTemplate itemSelector = null;
        Integer maxConcurrency = null;
        JsonPath maxConcurrencyPath = null;
        State.Distributed distributed = null;

        switch (type) {
            case Task:
                task = taskTarget(node, where, "Parameters");
                timeoutSeconds = positiveInt(node, "TimeoutSeconds", where);
                timeoutPath = path(node, "TimeoutSecondsPath", where);
                exclusive(node, where, "TimeoutSeconds", "TimeoutSecondsPath");
                break;
            case Choice:
                choices = choices(node, where, false);
                defaultNext = optionalText(node, "Default", where);
                break;
            case Wait: {
                long count = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").stream().filter(node::has).count();
                if (count != 1) {
                    throw new AslDefinitionException(where + ": exactly one of \"Seconds\", \"Timestamp\", \"SecondsPath\", "
                            + "\"TimestampPath\" is required");
                }
                if (node.has("Seconds")) {
                    JsonNode s = node.get("Seconds");
                    if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0) {
                        throw new AslDefinitionException(where + ": field \"Seconds\" must be a non-negative integer");
                    }
                    waitSeconds = s.asLong();
                }
                if (node.has("Timestamp")) {
                    if (ChoiceRule.timestamp(node.get("Timestamp")) == null) {
                        throw new AslDefinitionException(where + ": field \"Timestamp\" must be an RFC 3339 timestamp");
                    }
                    waitTimestamp = node.get("Timestamp").asText();
                }
                waitSecondsPath = path(node, "SecondsPath", where);
                waitTimestampPath = path(node, "TimestampPath", where);
                break;
            }
            case Fail:
                exclusive(node, where, "Error", "ErrorPath");
                exclusive(node, where, "Cause", "CausePath");
                failError = optionalText(node, "Error", where);
                failCause = optionalText(node, "Cause", where);
                failErrorPath = dynamic(node, "ErrorPath", where);
                failCausePath = dynamic(node, "CausePath", where);
                break;
            case Parallel:
                branches = branches(node, where, jsonataDefault);
                break;
            case Map: {
                exclusive(node, where, "Iterator", "ItemProcessor");
                exclusive(node, where, "Parameters", "ItemSelector");
                exclusive(node, where, "MaxConcurrency", "MaxConcurrencyPath");
                String field = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
                if (!node.has(field)) {
                    throw new AslDefinitionException(where + ": field \"ItemProcessor\" (or \"Iterator\") is required");
                }
                iterator = processor(node, field, where, jsonataDefault);
                itemsPath = node.has("ItemsPath") ? path(node, "ItemsPath", where) : JsonPath.ROOT;
                itemSelector = parameters != null ? parameters : template(node, "ItemSelector", where);
                parameters = null;
                maxConcurrency = nonNegativeInt(node, "MaxConcurrency", where);
                maxConcurrencyPath = path(node, "MaxConcurrencyPath", where);
                distributed = distributed(node, field, where, false, jsonataDefault);
                break;
            }
            default:
                break;
        }
        return new State(name, type, next, in, out, resultPath, parameters, resultSelector, node.get("Result"), retriers,
                catchers, task, timeoutSeconds, timeoutPath, choices, defaultNext, waitSeconds, waitTimestamp,
                waitSecondsPath, waitTimestampPath, failError, failCause, failErrorPath, failCausePath, branches, iterator,
                itemsPath, itemSelector, maxConcurrency, maxConcurrencyPath, false, assignment(node, where, false), null,
                distributed);
    }

    /** A state in the JSONata query language: its fields are JSONata templates; no JSONPath field is allowed. */
    private static State jsonataState(String name, JsonNode node, State.Type type, String where) {
        String next = flow(node, where, type);
        List<State.Retrier> retriers = retriers(node, where);
        List<State.Catcher> catchers = catchers(node, where, true);
        State.TaskTarget task = null;
        List<State.Choice> choices = null;
        String defaultNext = null;
        List<State.Branch> branches = null;
        State.Branch iterator = null;
        Integer timeoutSeconds = null;
        JsonataTemplate timeoutTemplate = null;
        JsonataTemplate seconds = null;
        JsonataTemplate timestamp = null;
        Long waitSeconds = null;
        String waitTimestamp = null;
        Integer maxConcurrency = null;
        JsonataTemplate maxConcurrencyTemplate = null;
        State.Distributed distributed = null;
        switch (type) {
            case Task:
                task = taskTarget(node, where, "Arguments");
                if (node.has("TimeoutSeconds") && JsonataTemplate.isExpression(node.get("TimeoutSeconds"))) {
                    timeoutTemplate = jsonata(node, "TimeoutSeconds", where);
                } else {
                    timeoutSeconds = positiveInt(node, "TimeoutSeconds", where);
                }
                break;
            case Choice:
                choices = choices(node, where, true);
                defaultNext = optionalText(node, "Default", where);
                break;
            case Wait: {
                long count = List.of("Seconds", "Timestamp").stream().filter(node::has).count();
                if (count != 1) {
                    throw new AslDefinitionException(where + ": exactly one of \"Seconds\", \"Timestamp\" is required");
                }
                if (node.has("Seconds")) {
                    JsonNode sec = node.get("Seconds");
                    if (JsonataTemplate.isExpression(sec)) {
                        seconds = jsonata(node, "Seconds", where);
                    } else if (!sec.isIntegralNumber() || sec.asLong() < 0) {
                        throw new AslDefinitionException(where + ": field \"Seconds\" must be a non-negative integer or a "
                                + "JSONata expression");
                    } else {
                        waitSeconds = sec.asLong();
                    }
                } else {
                    JsonNode ts = node.get("Timestamp");
                    if (JsonataTemplate.isExpression(ts)) {
                        timestamp = jsonata(node, "Timestamp", where);
                    } else if (ChoiceRule.timestamp(ts) == null) {
                        throw new AslDefinitionException(where + ": field \"Timestamp\" must be an RFC 3339 timestamp or a "
                                + "JSONata expression");
                    } else {
                        waitTimestamp = ts.asText();
                    }
                }
                break;
            }
            case Parallel:
                branches = branches(node, where, true);
                break;
            case Map: {
                if (!node.has("ItemProcessor")) {
                    throw new AslDefinitionException(where + ": field \"ItemProcessor\" is required");
                }
                iterator = processor(node, "ItemProcessor", where, true);
                if (node.has("MaxConcurrency") && JsonataTemplate.isExpression(node.get("MaxConcurrency"))) {
                    maxConcurrencyTemplate = jsonata(node, "MaxConcurrency", where);
                } else {
                    maxConcurrency = nonNegativeInt(node, "MaxConcurrency", where);
                }
                distributed = distributed(node, "ItemProcessor", where, true, true);
                break;
            }
            default:
                break;
        }
        State.Jsonata jx = new State.Jsonata(jsonata(node, "Arguments", where), jsonata(node, "Output", where),
                jsonata(node, "Items", where), jsonata(node, "ItemSelector", where), seconds, timestamp, timeoutTemplate,
                jsonata(node, "Error", where), jsonata(node, "Cause", where), maxConcurrencyTemplate);
        return new State(name, type, next, IoPath.ROOT, IoPath.ROOT, IoPath.ROOT, null, null, null, retriers, catchers,
                task, timeoutSeconds, null, choices, defaultNext, waitSeconds, waitTimestamp, null, null, null, null, null,
                null, branches, iterator, null, null, maxConcurrency, null, true, assignment(node, where, true), jx,
                distributed);
    }

    /** A Parallel state's Branches (JSONPath and JSONata states alike). */
    private static List<State.Branch> branches(JsonNode node, String where, boolean jsonataDefault) {
        JsonNode list = node.get("Branches");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AslDefinitionException(where + ": field \"Branches\" is required and must be a non-empty array");
        }
        List<State.Branch> branches = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            branches.add(nestedBranch(list.get(i), where + ": field \"Branches[" + i + "]\"", false, jsonataDefault));
        }
        return branches;
    }

    /**
     * A Map state's ItemProcessor (or Iterator) with its ProcessorConfig: Mode INLINE (the default) or DISTRIBUTED,
     * and for DISTRIBUTED the ExecutionType (STANDARD or EXPRESS) of the child executions.
     */
    private static State.Branch processor(JsonNode node, String field, String where, boolean jsonataDefault) {
        JsonNode processor = node.get(field);
        JsonNode config = processor.path("ProcessorConfig");
        String mode = "INLINE";
        if (!config.isMissingNode()) {
            if (!config.isObject()) {
                throw new AslDefinitionException(where + ": field \"" + field + ".ProcessorConfig\" must be an object");
            }
            for (String key : names(config)) {
                if (!key.equals("Mode") && !key.equals("ExecutionType")) {
                    throw new AslDefinitionException(where + ": field \"" + field + ".ProcessorConfig." + key
                            + "\" is not allowed (ProcessorConfig takes Mode and ExecutionType)");
                }
            }
            mode = config.path("Mode").asText("INLINE");
            if (!mode.equals("INLINE") && !mode.equals("DISTRIBUTED")) {
                throw new AslDefinitionException(where + ": field \"" + field + ".ProcessorConfig.Mode\" must be INLINE "
                        + "or DISTRIBUTED, not " + mode);
            }
            JsonNode executionType = config.get("ExecutionType");
            if (mode.equals("INLINE") && executionType != null) {
                throw new AslDefinitionException(where + ": field \"" + field + ".ProcessorConfig.ExecutionType\" is "
                        + "only allowed with Mode DISTRIBUTED");
            }
            if (mode.equals("DISTRIBUTED") && (executionType == null
                    || !Set.of("STANDARD", "EXPRESS").contains(executionType.asText()))) {
                throw new AslDefinitionException(where + ": field \"" + field + ".ProcessorConfig.ExecutionType\" is "
                        + "required with Mode DISTRIBUTED and must be STANDARD or EXPRESS");
            }
        }
        if (mode.equals("INLINE")) {
            for (String f : DISTRIBUTED_ONLY) {
                if (node.has(f)) {
                    throw new AslDefinitionException(where + ": field \"" + f + "\" is only allowed in a Map state "
                            + "whose " + field + ".ProcessorConfig.Mode is DISTRIBUTED");
                }
            }
        }
        return nestedBranch(processor, where + ": field \"" + field + "\"", true, jsonataDefault);
    }

    /** The Distributed mode fields of a Map state (null for an inline Map); its processor is already parsed. */
    private static State.Distributed distributed(JsonNode node, String field, String where, boolean jsonata,
                                                 boolean jsonataDefault) {
        JsonNode config = node.get(field).path("ProcessorConfig");
        if (!config.path("Mode").asText("INLINE").equals("DISTRIBUTED")) {
            return null;
        }
        String label = null;
        if (node.has("Label")) {
            JsonNode l = node.get("Label");
            if (!l.isTextual() || !LABEL.matcher(l.asText()).matches()) {
                throw new AslDefinitionException(where + ": field \"Label\" must be a string of 1 to 40 characters "
                        + "without whitespace, brackets, wildcards or special characters");
            }
            label = l.asText();
        }
        exclusive(node, where, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        exclusive(node, where, "ToleratedFailureCount", "ToleratedFailureCountPath");
        Object[] percentage = number(node, "ToleratedFailurePercentage", where, jsonata, 100, false);
        Object[] count = number(node, "ToleratedFailureCount", where, jsonata, Integer.MAX_VALUE, true);
        State.Batcher batcher = null;
        if (node.has("ItemBatcher")) {
            JsonNode b = node.get("ItemBatcher");
            String bw = where + ": field \"ItemBatcher\"";
            if (!b.isObject()) {
                throw new AslDefinitionException(bw + " must be an object");
            }
            Set<String> allowed = jsonata ? Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput")
                    : Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                            "MaxInputBytesPerBatchPath", "BatchInput");
            for (String key : names(b)) {
                if (!allowed.contains(key)) {
                    throw new AslDefinitionException(bw + ": field \"" + key + "\" is not allowed (it takes " + allowed
                            + ")");
                }
            }
            exclusive(b, bw, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
            exclusive(b, bw, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
            if (!(b.has("MaxItemsPerBatch") || b.has("MaxItemsPerBatchPath") || b.has("MaxInputBytesPerBatch")
                    || b.has("MaxInputBytesPerBatchPath"))) {
                throw new AslDefinitionException(bw + " needs MaxItemsPerBatch or MaxInputBytesPerBatch (or their Path)");
            }
            Object[] items = number(b, "MaxItemsPerBatch", bw, jsonata, Integer.MAX_VALUE, true);
            Object[] bytes = number(b, "MaxInputBytesPerBatch", bw, jsonata, 262_144, true);
            PayloadTemplate batchInput = null;
            JsonataTemplate batchInputX = null;
            if (b.has("BatchInput")) {
                if (jsonata) {
                    batchInputX = jsonata(b, "BatchInput", bw);
                } else {
                    if (!b.get("BatchInput").isObject()) {
                        throw new AslDefinitionException(bw + ": field \"BatchInput\" must be an object");
                    }
                    batchInput = PayloadTemplate.compile(b.get("BatchInput"), bw, "BatchInput");
                }
            }
            batcher = new State.Batcher((Number) items[0], (JsonPath) items[1], (JsonataTemplate) items[2],
                    (Number) bytes[0], (JsonPath) bytes[1], (JsonataTemplate) bytes[2], batchInput, batchInputX);
        }
        com.fasterxml.jackson.databind.node.ObjectNode processor = node.get(field).deepCopy();
        processor.remove("ProcessorConfig");
        if (jsonataDefault && !processor.has("QueryLanguage")) {
            processor.put("QueryLanguage", "JSONata");
        }
        return new State.Distributed(config.get("ExecutionType").asText(), label, processor, (Number) percentage[0],
                (JsonPath) percentage[1], (JsonataTemplate) percentage[2], (Number) count[0], (JsonPath) count[1],
                (JsonataTemplate) count[2], batcher);
    }

    /**
     * A number field given as a literal, a {@code <field>Path} (JSONPath) or a JSONata expression: {literal, path,
     * expression}, all null when absent. A literal must lie in 0..max (an integer when {@code integral}).
     */
    private static Object[] number(JsonNode node, String field, String where, boolean jsonata, long max,
                                   boolean integral) {
        Object[] out = new Object[3];
        JsonNode value = node.get(field);
        if (value != null) {
            if (jsonata && JsonataTemplate.isExpression(value)) {
                out[2] = jsonata(node, field, where);
            } else if (!value.isNumber() || (integral && !value.isIntegralNumber()) || value.asDouble() < 0
                    || value.asDouble() > max) {
                throw new AslDefinitionException(where + ": field \"" + field + "\" must be " + (integral ? "an integer"
                        : "a number") + " from 0 to " + max + (jsonata ? " or a JSONata expression" : ""));
            } else {
                out[0] = value.numberValue();
            }
        }
        if (!jsonata) {
            out[1] = path(node, field + "Path", where);
        }
        return out;
    }

    private static Integer nonNegativeInt(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asInt() < 0) {
            throw new AslDefinitionException(where + ": field \"" + field + "\" must be a non-negative integer");
        }
        return value.asInt();
    }

    private static JsonataTemplate jsonata(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null ? null : JsonataTemplate.compile(value, where + ": field \"" + field + "\"");
    }

    /** The Assign field: an object of variable names (JSONPath: a name ending in .$ takes a path or intrinsic). */
    private static State.Assignment assignment(JsonNode node, String where, boolean jsonata) {
        JsonNode assign = node.get("Assign");
        if (assign == null) {
            return null;
        }
        if (!assign.isObject()) {
            throw new AslDefinitionException(where + ": field \"Assign\" must be an object of variable names");
        }
        for (String key : names(assign)) {
            String name = !jsonata && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!VARIABLE_NAME.matcher(name).matches() || name.equals("states")) {
                throw new AslDefinitionException(where + ": field \"Assign." + key + "\": '" + name + "' is not a valid "
                        + "variable name (a letter or _, then letters, digits or _, at most 80; 'states' is reserved)");
            }
        }
        return jsonata ? new State.Assignment(null, JsonataTemplate.compile(assign, where + ": field \"Assign\""))
                : new State.Assignment(PayloadTemplate.compile(assign, where, "Assign"), null);
    }

    private static State.Branch nestedBranch(JsonNode node, String where, boolean mapProcessor, boolean jsonataDefault) {
        if (!node.isObject()) {
            throw new AslDefinitionException(where + " must be an object with StartAt and States");
        }
        for (String field : names(node)) {
            if (!BRANCH_FIELDS.contains(field) || (field.equals("ProcessorConfig") && !mapProcessor)) {
                throw new AslDefinitionException(where + ": unknown field \"" + field + "\"");
            }
        }
        return branch(node, where, jsonataDefault);
    }

    private static String flow(JsonNode node, String where, State.Type type) {
        boolean terminal = type == State.Type.Choice || type == State.Type.Succeed || type == State.Type.Fail;
        if (terminal) {
            return null;
        }
        JsonNode next = node.get("Next");
        JsonNode end = node.get("End");
        if (next != null && end != null) {
            throw new AslDefinitionException(where + ": fields \"Next\" and \"End\" are mutually exclusive");
        }
        if (next != null) {
            if (!next.isTextual()) {
                throw new AslDefinitionException(where + ": field \"Next\" must be a state name");
            }
            return next.asText();
        }
        if (end == null || !end.isBoolean() || !end.booleanValue()) {
            throw new AslDefinitionException(where + ": field \"Next\" or \"End\": true is required");
        }
        return null;
    }

    /** Whether the node uses JSONata: its own QueryLanguage, else the inherited default. */
    private static boolean checkQueryLanguage(JsonNode node, String where, boolean inherited) {
        JsonNode ql = node.get("QueryLanguage");
        if (ql == null) {
            return inherited;
        }
        if ("JSONata".equals(ql.asText())) {
            return true;
        }
        if ("JSONPath".equals(ql.asText())) {
            if (inherited) {
                throw new AslDefinitionException(where + ": field \"QueryLanguage\": a state cannot use JSONPath when the "
                        + "state machine's QueryLanguage is JSONata");
            }
            return false;
        }
        throw new AslDefinitionException(where + ": field \"QueryLanguage\" must be JSONPath or JSONata, not "
                + ql.asText());
    }

    private static State.TaskTarget taskTarget(JsonNode node, String where, String argumentsField) {
        State.TaskTarget target = taskResource(node, where, argumentsField);
        boolean jsonata = argumentsField.equals("Arguments");
        JsonPath heartbeatPath = jsonata ? null : path(node, "HeartbeatSecondsPath", where);
        if (!jsonata) {
            exclusive(node, where, "HeartbeatSeconds", "HeartbeatSecondsPath");
        }
        JsonataTemplate heartbeatTemplate = jsonata && node.has("HeartbeatSeconds")
                && JsonataTemplate.isExpression(node.get("HeartbeatSeconds")) ? jsonata(node, "HeartbeatSeconds", where)
                : null;
        return heartbeatPath == null && heartbeatTemplate == null ? target
                : target.withHeartbeat(heartbeatPath, heartbeatTemplate);
    }

    private static State.TaskTarget taskResource(JsonNode node, String where, String argumentsField) {
        JsonNode resource = node.get("Resource");
        if (resource == null || !resource.isTextual()) {
            throw new AslDefinitionException(where + ": field \"Resource\" is required and must be a string");
        }
        String arn = resource.asText();
        java.util.regex.Matcher invoke = INVOKE.matcher(arn);
        boolean callback = invoke.matches() && invoke.group(1) != null;
        Integer heartbeat = heartbeatSeconds(node, where, argumentsField.equals("Arguments"));
        if (invoke.matches()) {
            JsonNode parameters = node.get(argumentsField);
            if (parameters != null && JsonataTemplate.isExpression(parameters)) {
                return new State.TaskTarget(arn, true, null, callback, heartbeat);
            }
            if (parameters == null || !parameters.isObject()
                    || !(parameters.has("FunctionName") || parameters.has("FunctionName.$"))) {
                throw new AslDefinitionException(where + ": field \"" + argumentsField + ".FunctionName\" is required for "
                        + arn);
            }
            for (String key : names(parameters)) {
                String bare = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
                if (!INVOKE_PARAMETERS.contains(bare)) {
                    throw new AslDefinitionException(where + ": field \"" + argumentsField + "." + key
                            + "\": unsupported parameter of "
                            + LAMBDA_INVOKE + " (supported: " + INVOKE_PARAMETERS + ")");
                }
            }
            JsonNode invocationType = parameters.get("InvocationType");
            if (invocationType != null && !"RequestResponse".equals(invocationType.asText())) {
                throw new AslDefinitionException(where + ": field \"Parameters.InvocationType\": unsupported: "
                        + invocationType.asText() + " (only RequestResponse is supported)");
            }
            if (parameters.has("InvocationType.$")) {
                throw new AslDefinitionException(where + ": field \"Parameters.InvocationType.$\": unsupported: "
                        + "only a literal RequestResponse is supported");
            }
            return new State.TaskTarget(arn, true, null, callback, heartbeat);
        }
        java.util.regex.Matcher service = DYNAMODB.matcher(arn);
        if (service.matches()) {
            JsonNode parameters = node.get(argumentsField);
            if (parameters == null || !(parameters.isObject() || JsonataTemplate.isExpression(parameters))) {
                throw new AslDefinitionException(where + ": field \"" + argumentsField + "\" is required for " + arn);
            }
            return service.group(1) != null
                    ? new State.TaskTarget(arn, false, null, false, heartbeat, service.group(1), service.group(2))
                    : new State.TaskTarget(arn, false, null, false, heartbeat, service.group(3), service.group(4));
        }
        if (FUNCTION_ARN.matcher(arn).matches()) {
            return new State.TaskTarget(arn, false, arn);
        }
        String why;
        if (arn.matches("arn:aws[a-z-]*:states:::lambda:invoke\\..*")) {
            why = "the .sync integration pattern is not supported for lambda:invoke (.waitForTaskToken is)";
        } else if (arn.matches("arn:aws[a-z-]*:states:[^:]*:[^:]*:activity:.*")) {
            why = "Activity tasks are not supported";
        } else if (arn.startsWith("arn:aws:states:::")) {
            why = "only the lambda:invoke, dynamodb getItem/putItem/updateItem/deleteItem and states:startExecution "
                    + "integrations are supported";
        } else {
            why = "not a Lambda function ARN or arn:aws:states:::lambda:invoke";
        }
        throw new AslDefinitionException(where + ": field \"Resource\": unsupported: " + arn + " (" + why + ")");
    }

    /**
     * HeartbeatSeconds: a positive integer below TimeoutSeconds (when that is a number), as Step Functions
     * validates it; it acts on a .waitForTaskToken task, the only kind here that waits for a worker.
     */
    private static Integer heartbeatSeconds(JsonNode node, String where, boolean jsonata) {
        if (jsonata && node.has("HeartbeatSeconds") && JsonataTemplate.isExpression(node.get("HeartbeatSeconds"))) {
            return null; // a JSONata expression, evaluated when the task runs (taskTarget)
        }
        Integer heartbeat = positiveInt(node, "HeartbeatSeconds", where);
        if (heartbeat == null) {
            return null;
        }
        JsonNode timeout = node.get("TimeoutSeconds");
        if (timeout != null && timeout.isIntegralNumber() && heartbeat >= timeout.asInt()) {
            throw new AslDefinitionException(where + ": field \"HeartbeatSeconds\" must be smaller than "
                    + "\"TimeoutSeconds\"");
        }
        return heartbeat;
    }

    private static List<State.Choice> choices(JsonNode node, String where, boolean jsonata) {
        JsonNode list = node.get("Choices");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AslDefinitionException(where + ": field \"Choices\" is required and must be a non-empty array");
        }
        List<State.Choice> choices = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode rule = list.get(i);
            String ruleWhere = where + ": field \"Choices[" + i + "]\"";
            if (jsonata) {
                for (String field : names(rule)) {
                    if (!Set.of("Condition", "Next", "Assign", "Output", "Comment").contains(field)) {
                        throw new AslDefinitionException(ruleWhere + ": field \"" + field + "\" is not allowed in a "
                                + "JSONata Choice rule");
                    }
                }
                if (!rule.has("Condition") || !rule.path("Next").isTextual()) {
                    throw new AslDefinitionException(ruleWhere + ": fields \"Condition\" and \"Next\" are required");
                }
                choices.add(new State.Choice(null, jsonata(rule, "Condition", ruleWhere), rule.get("Next").asText(),
                        assignment(rule, ruleWhere, true), jsonata(rule, "Output", ruleWhere)));
            } else {
                JsonNode assign = rule.get("Assign");
                JsonNode bare = rule;
                if (assign != null) {
                    bare = rule.deepCopy();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) bare).remove("Assign");
                }
                choices.add(new State.Choice(ChoiceRule.compile(bare, ruleWhere, true), null, rule.path("Next").asText(),
                        assignment(rule, ruleWhere, false), null));
            }
        }
        return choices;
    }

    private static List<State.Retrier> retriers(JsonNode node, String where) {
        JsonNode list = node.get("Retry");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new AslDefinitionException(where + ": field \"Retry\" must be an array");
        }
        List<State.Retrier> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String rw = where + ": field \"Retry[" + i + "]";
            for (String field : names(r)) {
                if (!Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                        "JitterStrategy", "Comment").contains(field)) {
                    throw new AslDefinitionException(rw + "." + field + "\" is not allowed in a Retrier");
                }
            }
            List<String> errors = errorEquals(r, rw, i == list.size() - 1);
            int interval = r.has("IntervalSeconds") ? positiveInt(r, "IntervalSeconds", rw + "\"") : 1;
            int maxAttempts = 3;
            if (r.has("MaxAttempts")) {
                JsonNode m = r.get("MaxAttempts");
                if (!m.isIntegralNumber() || m.asInt() < 0) {
                    throw new AslDefinitionException(rw + ".MaxAttempts\" must be a non-negative integer");
                }
                maxAttempts = m.asInt();
            }
            double backoff = 2.0;
            if (r.has("BackoffRate")) {
                JsonNode b = r.get("BackoffRate");
                if (!b.isNumber() || b.asDouble() < 1.0) {
                    throw new AslDefinitionException(rw + ".BackoffRate\" must be a number >= 1.0");
                }
                backoff = b.asDouble();
            }
            Integer maxDelay = r.has("MaxDelaySeconds") ? positiveInt(r, "MaxDelaySeconds", rw + "\"") : null;
            boolean full = false;
            if (r.has("JitterStrategy")) {
                String j = r.get("JitterStrategy").asText();
                if (!j.equals("FULL") && !j.equals("NONE")) {
                    throw new AslDefinitionException(rw + ".JitterStrategy\" must be FULL or NONE");
                }
                full = j.equals("FULL");
            }
            out.add(new State.Retrier(errors, interval, maxAttempts, backoff, maxDelay, full));
        }
        return List.copyOf(out);
    }

    private static List<State.Catcher> catchers(JsonNode node, String where) {
        return catchers(node, where, false);
    }

    private static List<State.Catcher> catchers(JsonNode node, String where, boolean jsonata) {
        JsonNode list = node.get("Catch");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new AslDefinitionException(where + ": field \"Catch\" must be an array");
        }
        List<State.Catcher> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String cw = where + ": field \"Catch[" + i + "]";
            for (String field : names(c)) {
                Set<String> allowed = jsonata ? Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment")
                        : Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment");
                if (!allowed.contains(field)) {
                    throw new AslDefinitionException(cw + "." + field + "\" is "
                            + (UNSUPPORTED_FIELDS.containsKey(field) ? "not supported" : "not allowed in a Catcher"));
                }
            }
            List<String> errors = errorEquals(c, cw, i == list.size() - 1);
            if (!c.path("Next").isTextual()) {
                throw new AslDefinitionException(cw + ".Next\" is required");
            }
            out.add(new State.Catcher(errors, c.get("Next").asText(),
                    jsonata ? IoPath.ROOT : ioPath(c, "ResultPath", cw + "\"", true),
                    assignment(c, cw + "\"", jsonata), jsonata ? jsonata(c, "Output", cw + "\"") : null));
        }
        return List.copyOf(out);
    }

    private static List<String> errorEquals(JsonNode node, String where, boolean last) {
        JsonNode list = node.get("ErrorEquals");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AslDefinitionException(where + ".ErrorEquals\" is required and must be a non-empty array");
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : list) {
            if (!e.isTextual()) {
                throw new AslDefinitionException(where + ".ErrorEquals\" must contain strings");
            }
            errors.add(e.asText());
        }
        if (errors.contains(StatesError.ALL) && (errors.size() > 1 || !last)) {
            throw new AslDefinitionException(where + ".ErrorEquals\": States.ALL must appear alone and in the last entry");
        }
        return List.copyOf(errors);
    }

    private static IoPath ioPath(JsonNode node, String field, String where, boolean reference) {
        JsonNode value = node.get(field);
        if (value == null) {
            return IoPath.ROOT;
        }
        if (value.isNull()) {
            return IoPath.NULL;
        }
        JsonPath path = path(node, field, where);
        if (reference && !path.isReference()) {
            throw new AslDefinitionException(where + ": field \"" + field + "\": '" + path
                    + "' must be a reference path (names and indexes only)");
        }
        return new IoPath(path);
    }

    private static JsonPath path(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new AslDefinitionException(where + ": field \"" + field + "\" must be a JSONPath string");
        }
        try {
            return JsonPath.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw new AslDefinitionException(where + ": field \"" + field + "\": " + e.getMessage());
        }
    }

    private static PayloadTemplate template(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null ? null : PayloadTemplate.compile(value, where, field);
    }

    private static PayloadTemplate dynamic(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        try {
            return PayloadTemplate.compile(Json.object().set("value.$", value), where, field);
        } catch (AslDefinitionException e) {
            throw new AslDefinitionException(e.getMessage().replace(field + ".value.$", field));
        }
    }

    private static String optionalText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new AslDefinitionException(where + ": field \"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static Integer positiveInt(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() <= 0 || value.asLong() > 99_999_999) {
            throw new AslDefinitionException(where + ": field \"" + field + "\" must be a positive integer");
        }
        return value.asInt();
    }

    private static void exclusive(JsonNode node, String where, String a, String b) {
        if (node.has(a) && node.has(b)) {
            throw new AslDefinitionException(where + ": fields \"" + a + "\" and \"" + b + "\" are mutually exclusive");
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        java.util.HashSet<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
