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
        JsonPath maxConcurrencyPath) {

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

    record Choice(ChoiceRule rule, String next) {}

    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                   Integer maxDelaySeconds, boolean fullJitter) {}

    record Catcher(List<String> errorEquals, String next, IoPath resultPath) {}

    /**
     * What a Task calls: the lambda:invoke integration (with its Parameters) or a Lambda function ARN
     * used directly as the Resource.
     */
    record TaskTarget(String resource, boolean optimizedInvoke, String functionArn) {}

    boolean isEnd() {
        return next == null;
    }
}
