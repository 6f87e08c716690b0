package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One parsed, validated state. Fields that a state type does not use are null; the parser guarantees
 * that the fields a type needs are present.
 */
record State(
        String name,
        Type type,
        String next,
        IoPath inputPath,
        IoPath outputPath,
        IoPath resultPath,
        PayloadTemplate parameters,
        PayloadTemplate resultSelector,
        JsonNode result,
        List<Retrier> retriers,
        List<Catcher> catchers,
        TaskTarget task,
        Integer timeoutSeconds,
        JsonPath timeoutSecondsPath,
        List<Choice> choices,
        String defaultNext,
        Long waitSeconds,
        String waitTimestamp,
        JsonPath waitSecondsPath,
        JsonPath waitTimestampPath,
        String failError,
        String failCause,
        PayloadTemplate failErrorPath,
        PayloadTemplate failCausePath,
        List<Branch> branches,
        Branch iterator,
        JsonPath itemsPath,
        PayloadTemplate itemSelector,
        Integer maxConcurrency,
        JsonPath maxConcurrencyPath,
        boolean jsonata,
        Assignment assign,
        Jsonata jx,
        Distributed distributed) {

    State(String name, Type type, String next, IoPath inputPath, IoPath outputPath, IoPath resultPath,
          PayloadTemplate parameters, PayloadTemplate resultSelector, JsonNode result, List<Retrier> retriers,
          List<Catcher> catchers, TaskTarget task, Integer timeoutSeconds, JsonPath timeoutSecondsPath,
          List<Choice> choices, String defaultNext, Long waitSeconds, String waitTimestamp, JsonPath waitSecondsPath,
          JsonPath waitTimestampPath, String failError, String failCause, PayloadTemplate failErrorPath,
          PayloadTemplate failCausePath, List<Branch> branches, Branch iterator, JsonPath itemsPath,
          PayloadTemplate itemSelector, Integer maxConcurrency, JsonPath maxConcurrencyPath, boolean jsonata,
          Assignment assign, Jsonata jx) {
        this(name, type, next, inputPath, outputPath, resultPath, parameters, resultSelector, result, retriers,
                catchers, task, timeoutSeconds, timeoutSecondsPath, choices, defaultNext, waitSeconds, waitTimestamp,
                waitSecondsPath, waitTimestampPath, failError, failCause, failErrorPath, failCausePath, branches,
                iterator, itemsPath, itemSelector, maxConcurrency, maxConcurrencyPath, jsonata, assign, jx, null);
    }

    /**
     * A Map state in Distributed mode: each item (or batch) runs as a child execution of a Map Run. Each number is a
     * literal, a JSONPath (the *Path fields) or a JSONata expression; at most one of the three is set.
     *
     * @param processor the ItemProcessor as a definition of its own (StartAt, States, the query language)
     */
    record Distributed(String executionType, String label, JsonNode processor, Number toleratedPercentage,
                       JsonPath toleratedPercentagePath, JsonataTemplate toleratedPercentageX, Number toleratedCount,
                       JsonPath toleratedCountPath, JsonataTemplate toleratedCountX, Batcher batcher) {
        boolean express() {
            return executionType.equals("EXPRESS");
        }
    }

    /** ItemBatcher: how many items, and how many bytes of them, go to one child execution; BatchInput goes along. */
    record Batcher(Number maxItems, JsonPath maxItemsPath, JsonataTemplate maxItemsX, Number maxBytes,
                   JsonPath maxBytesPath, JsonataTemplate maxBytesX, PayloadTemplate batchInput,
                   JsonataTemplate batchInputX) {}

    enum Type { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map }

    /** InputPath/OutputPath/ResultPath: a path, or JSON null ({@code path == null}). */
    record IoPath(JsonPath path) {
        static final IoPath ROOT = new IoPath(JsonPath.ROOT);
        static final IoPath NULL = new IoPath(null);

        boolean isNull() {
            return path == null;
        }
    }

    /** A set of states with an entry point: the top level, a Parallel branch or a Map iterator. */
    record Branch(String startAt, Map<String, State> states) {}

    /**
     * A Choices entry: a JSONPath rule or, in a JSONata state, a Condition; with the rule's own Assign and (JSONata)
     * Output, applied when it matches.
     */
    record Choice(ChoiceRule rule, JsonataTemplate condition, String next, Assignment assign, JsonataTemplate output) {}

    /**
     * The Assign field: variables set after the state's work, all evaluated against the values from before the state.
     * Exactly one of the two is set, by the state's query language.
     */
    record Assignment(PayloadTemplate jsonPath, JsonataTemplate jsonata) {}

    /** The JSONata fields of a JSONata state (null when absent). */
    record Jsonata(JsonataTemplate arguments, JsonataTemplate output, JsonataTemplate items,
                   JsonataTemplate itemSelector, JsonataTemplate seconds, JsonataTemplate timestamp,
                   JsonataTemplate timeoutSeconds, JsonataTemplate error, JsonataTemplate cause,
                   JsonataTemplate maxConcurrency) {}

    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                   Integer maxDelaySeconds, boolean fullJitter) {}

    record Catcher(List<String> errorEquals, String next, IoPath resultPath, Assignment assign, JsonataTemplate output) {}

    /**
     * What a Task calls: the lambda:invoke integration (with its Parameters) or a Lambda function ARN
     * used directly as the Resource. A callback task's heartbeat is a number, a JSONPath (HeartbeatSecondsPath) or a
     * JSONata expression (HeartbeatSeconds), at most one of them set.
     */
    record TaskTarget(String resource, boolean optimizedInvoke, String functionArn, boolean waitForTaskToken,
                      Integer heartbeatSeconds, String service, String action, JsonPath heartbeatSecondsPath,
                      JsonataTemplate heartbeatTemplate) {
        TaskTarget(String resource, boolean optimizedInvoke, String functionArn) {
            this(resource, optimizedInvoke, functionArn, false, null, null, null, null, null);
        }

        TaskTarget(String resource, boolean optimizedInvoke, String functionArn, boolean waitForTaskToken,
                   Integer heartbeatSeconds) {
            this(resource, optimizedInvoke, functionArn, waitForTaskToken, heartbeatSeconds, null, null, null, null);
        }

        TaskTarget(String resource, boolean optimizedInvoke, String functionArn, boolean waitForTaskToken,
                   Integer heartbeatSeconds, String service, String action) {
            this(resource, optimizedInvoke, functionArn, waitForTaskToken, heartbeatSeconds, service, action, null, null);
        }

        /** A callback task with its heartbeat as parsed (number, path or JSONata). */
        TaskTarget withHeartbeat(JsonPath path, JsonataTemplate template) {
            return new TaskTarget(resource, optimizedInvoke, functionArn, waitForTaskToken, heartbeatSeconds, service,
                    action, path, template);
        }

        /** A .sync service task ("Run a Job"): the task waits for the job its call started. */
        boolean job() {
            return service != null && action.contains(".sync");
        }
    }

    boolean isEnd() {
        return next == null;
    }
}
