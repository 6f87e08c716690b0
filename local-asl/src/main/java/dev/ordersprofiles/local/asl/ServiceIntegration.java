package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How the interpreter calls an optimized service integration other than Lambda, e.g.
 * {@code arn:aws:states:::dynamodb:putItem}: the local stack implements it against its own services. The
 * interpreter records the events and shapes errors as Step Functions does.
 */
@FunctionalInterface
public interface ServiceIntegration {

    /**
     * Calls {@code action} of {@code service} (as the Resource names them: "dynamodb", "putItem") with the task's
     * effective parameters, which are the API's request.
     */
    CompletionStage<Result> call(String service, String action, JsonNode parameters);

    /**
     * A .sync task's job ("Run a Job"), started by {@link #call} with the action without its suffix (e.g.
     * startExecution for startExecution.sync): completes when the job ends, with the task's result or its failure.
     * {@code submitted} is what that call answered (as the TaskSubmitted event shows it, e.g. with ExecutionArn),
     * also after a restart, when it is read back from the journal. Without an implementation no job runs.
     */
    default CompletionStage<Result> awaitJob(String service, String action, JsonNode submitted) {
        return CompletableFuture.completedFuture(new Error("ServiceUnavailable", "no " + service + " integration runs "
                + action, 503, "none"));
    }

    /**
     * The .sync task no longer waits for its job (its execution stopped, failed or timed out, or TimeoutSeconds ran
     * out): stop the job, as Step Functions does with the child execution of startExecution.sync.
     */
    default void stopJob(String service, String action, JsonNode submitted) {
    }

    /** The API's answer: its response document, or its error. */
    sealed interface Result permits Response, Error, Failed {}

    /** The task fails with this error and cause as they are (e.g. a .sync child execution that failed). */
    record Failed(String error, String cause) implements Result {}

    /** The API's response document (what the task's result is). */
    record Response(JsonNode body) implements Result {}

    /**
     * The API failed: {@code code} is the service's error code (e.g. ConditionalCheckFailedException), {@code
     * message} its message, {@code httpStatus} the status it answered with.
     */
    record Error(String code, String message, int httpStatus, String requestId) implements Result {}

    /** No service is reachable: every call fails, naming the integration. */
    ServiceIntegration NONE = (service, action, parameters) -> CompletableFuture.completedFuture(
            new Error("ServiceUnavailable", "no " + service + " integration is configured", 503, "none"));
}
