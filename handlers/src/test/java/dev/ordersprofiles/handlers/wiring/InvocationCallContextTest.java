package dev.ordersprofiles.handlers.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the trace header the AWS client passes on comes from. */
class InvocationCallContextTest {
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @Test
    void the_java_runtimes_per_invocation_property_comes_first() {
        InvocationCallContext context = new InvocationCallContext(
                name -> name.equals("com.amazonaws.xray.traceHeader") ? TRACE : null,
                Map.of("_X_AMZN_TRACE_ID", "Root=1-stale"));

        assertThat(context.traceHeader()).contains(TRACE);
    }

    @Test
    void the_environment_variable_is_the_fallback() {
        InvocationCallContext context = new InvocationCallContext(name -> "  ", Map.of("_X_AMZN_TRACE_ID", TRACE));

        assertThat(context.traceHeader()).contains(TRACE);
    }

    @Test
    void no_trace_header_without_either() {
        assertThat(new InvocationCallContext(name -> null, Map.of()).traceHeader()).isEmpty();
        assertThat(new InvocationCallContext(name -> null, Map.of("_X_AMZN_TRACE_ID", "")).traceHeader()).isEmpty();
    }

    @Test
    void outside_an_invocation_there_is_no_deadline() {
        assertThat(InvocationCallContext.ofThisProcess().deadline()).isEmpty();
    }
}
