package dev.ordersprofiles.local.lambda;

import java.nio.charset.StandardCharsets;

/** The outcome of one invocation, as the Lambda Invoke API reports it. */
public sealed interface InvocationResult {

    /** The function returned; {@code payload} is its result serialised as the Java runtime does. */
    record Success(byte[] payload) implements InvocationResult {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * The function threw (or timed out). {@code payload} is the error document the Java runtime writes:
     * {@code {"errorMessage","errorType","stackTrace"}}.
     */
    record FunctionError(String errorType, String errorMessage, byte[] payload) implements InvocationResult {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The invocation was refused because the function's reserved concurrency is in use. */
    record Throttled(String functionName) implements InvocationResult {
    }
}
