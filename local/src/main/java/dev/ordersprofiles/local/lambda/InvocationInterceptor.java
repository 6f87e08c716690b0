package dev.ordersprofiles.local.lambda;

import dev.ordersprofiles.local.template.FunctionDef;

/**
 * A hook around every invocation of {@link LambdaRuntime} (the fault injection of dev.ordersprofiles.local.faults):
 * it may answer in the function's place before the handler runs, or replace what the handler answered.
 */
public interface InvocationInterceptor {
    InvocationInterceptor NONE = new InvocationInterceptor() {
        @Override
        public InvocationResult before(FunctionDef function, String requestId) {
            return null;
        }

        @Override
        public InvocationResult after(FunctionDef function, String requestId, InvocationResult outcome) {
            return outcome;
        }
    };

    /** The result to report instead of running the handler, or null to run it. */
    InvocationResult before(FunctionDef function, String requestId);

    /** The result to report for what the handler answered ({@code outcome} itself, most of the time). */
    InvocationResult after(FunctionDef function, String requestId, InvocationResult outcome);
}
