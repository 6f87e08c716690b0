package dev.ordersprofiles.local.asl;

import java.util.concurrent.CompletionStage;

/**
 * How the interpreter calls a Lambda function: the local stack implements it by running the handler
 * at the JSON wire level. The interpreter wraps results into the lambda:invoke envelope itself.
 *
 * <p>Complete the stage with an {@link InvocationResult}: a payload, a function error (the function ran and
 * threw), or a service error (the call itself failed, e.g. throttled). Completing it exceptionally counts as
 * {@code Lambda.ServiceException}. Prefer an asynchronous stage: a blocking invoker holds one interpreter thread
 * per running task.
 */
@FunctionalInterface
public interface TaskInvoker {

    /**
     * Invokes a function synchronously (RequestResponse).
     *
     * @param functionName the FunctionName as the state machine gives it (name, partial or full ARN), with
     *                     {@code :Qualifier} appended when the state sets one
     * @param payloadJson  the event JSON
     */
    CompletionStage<InvocationResult> invoke(String functionName, String payloadJson);
}
