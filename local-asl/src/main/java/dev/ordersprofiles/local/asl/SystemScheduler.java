package dev.ordersprofiles.local.asl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Real time: a fixed pool of daemon worker threads and one timer thread that only hands tasks to the pool. */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    private SystemScheduler(Clock clock, int threads) {
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(threads, daemon("asl-worker-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("asl-timer-"));
    }

    /** A scheduler with {@code threads} workers (at least 1) on the system UTC clock. */
    public static SystemScheduler create(int threads) {
        return new SystemScheduler(Clock.systemUTC(), Math.max(1, threads));
    }

    @Override
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (delay.isNegative() || delay.isZero()) {
            workers.execute(task);
            return () -> { };
        }
        ScheduledFuture<?> pending = timer.schedule(() -> workers.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> pending.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
