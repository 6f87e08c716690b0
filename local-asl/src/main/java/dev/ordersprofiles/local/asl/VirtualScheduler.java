package dev.ordersprofiles.local.asl;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Virtual time for tests: tasks queue up and run on the caller's thread in {@link #runUntilIdle()}, which
 * jumps the clock to each timer's due time. Deterministic and instant: a 1-hour Wait takes no real time.
 */
public final class VirtualScheduler implements Scheduler {

    private record Task(Instant due, long seq, Runnable body) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> {
        int byTime = a.due().compareTo(b.due());
        return byTime != 0 ? byTime : Long.compare(a.seq(), b.seq());
    });
    private Instant now;
    private long seq;

    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(new Task(now, seq++, task));
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(delay.isNegative() ? now : now.plus(delay), seq++, task);
        queue.add(t);
        return () -> {
            synchronized (this) {
                queue.remove(t);
            }
        };
    }

    /** Runs queued tasks in time order until none is left; returns how many ran. */
    public int runUntilIdle() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    return ran;
                }
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
            }
            next.body().run();
            if (++ran > 1_000_000) {
                throw new IllegalStateException("more than a million tasks: a state machine that never ends?");
            }
        }
    }

    /** Runs until idle and returns the future's value; fails if the future is still not done. */
    public <T> T runUntilDone(CompletableFuture<T> future) {
        runUntilIdle();
        if (!future.isDone()) {
            throw new IllegalStateException("the scheduler is idle but the future has not completed");
        }
        return future.join();
    }

    /** Moves the clock forward, running every task due on the way. */
    public void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due().isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
            }
            next.body().run();
        }
    }
}
