package dev.ordersprofiles.handlers.wiring;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The component the handlers' no-arg (Lambda) constructors use: built once per process from the environment, on
 * first use, and shared by every handler instance of the process (so that, in one JVM, all functions see the same
 * in-memory store).
 */
public final class Components {
    private Components() {
    }

    public static OrdersComponent fromEnvironment() {
        return Holder.COMPONENT;
    }

    /**
     * A fresh component for the given configuration and clock.
     *
     * @throws IllegalStateException naming the missing variable when the AWS adapters lack a table or region
     */
    public static OrdersComponent create(HandlerConfig config, Clock clock) {
        return DaggerOrdersComponent.factory().create(config.requireComplete(), clock);
    }

    /**
     * A component whose use cases run over the given ports instead of the ones the configuration would choose
     * (the local stack brings its own stores and workflow). Metrics, time rules and namespace still come from
     * {@code config}.
     */
    public static OrdersComponent withPorts(HandlerConfig config, Clock clock, Ports ports) {
        return DaggerGivenPortsComponent.factory().create(config, clock, ports);
    }

    private static final class Holder {
        // Millisecond ticks: the tables store milliseconds, so what is written reads back equal.
        static final OrdersComponent COMPONENT = create(HandlerConfig.fromEnv(), Clock.tickMillis(ZoneOffset.UTC));
    }
}
