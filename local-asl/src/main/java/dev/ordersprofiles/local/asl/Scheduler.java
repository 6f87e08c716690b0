package dev.ordersprofiles.local.asl;

import java.time.Duration;
import java.time.Instant;

/**
 * The interpreter's clock, worker pool and timers. Retries and Wait states are timers, never a sleeping
 * thread. {@link SystemScheduler} runs on real time; {@link VirtualScheduler} runs tests instantly.
 */
public interface Scheduler {

    Instant now();

    /** Runs a task on the worker pool. */
    void execute(Runnable task);

    /** Runs a task on the worker pool after a delay; a zero or negative delay runs it as soon as possible. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A pending timer. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
