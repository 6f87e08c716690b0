package dev.ordersprofiles.handlers.common;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/** Starts the invocations of one handler instance and knows whether the next one is its first (a cold start). */
public final class Invocations {
    private final String function;
    private final AtomicBoolean cold = new AtomicBoolean(true);

    /** @param function the function's short name, e.g. {@code orders-create} */
    public Invocations(String function) {
        this.function = function;
    }

    public Invocation start(Context context) {
        return new Invocation(function, context, cold.getAndSet(false));
    }
}
