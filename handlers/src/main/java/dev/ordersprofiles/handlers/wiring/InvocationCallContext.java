package dev.ordersprofiles.handlers.wiring;

import dev.ordersprofiles.adapters.aws.client.CallContext;
import dev.ordersprofiles.handlers.common.Invocation;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The AWS client's view of the running invocation: its deadline (from the Lambda Context, see
 * {@link Invocation#currentDeadline()}) and the X-Ray trace header. The Java runtime puts the current invocation's
 * trace header in the system property {@code com.amazonaws.xray.traceHeader} (an environment variable cannot
 * change per invocation in a JVM); {@code _X_AMZN_TRACE_ID} from the environment is the fallback.
 */
final class InvocationCallContext implements CallContext {
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_VARIABLE = "_X_AMZN_TRACE_ID";

    private final UnaryOperator<String> properties;
    private final Map<String, String> env;

    InvocationCallContext(UnaryOperator<String> properties, Map<String, String> env) {
        this.properties = properties;
        this.env = env;
    }

    static InvocationCallContext ofThisProcess() {
        return new InvocationCallContext(System::getProperty, System.getenv());
    }

    @Override
    public Optional<Instant> deadline() {
        return Invocation.currentDeadline();
    }

    @Override
    public Optional<String> traceHeader() {
        String value = properties.apply(TRACE_PROPERTY);
        if (value == null || value.isBlank()) {
            value = env.get(TRACE_VARIABLE);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
