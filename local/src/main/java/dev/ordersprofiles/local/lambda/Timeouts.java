package dev.ordersprofiles.local.lambda;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The function timeouts of running invocations, enforced by one thread: an invocation registers when it starts
 * and finishes (a compare-and-set) when its handler returns; one whose deadline passes first is expired once, on
 * that thread. Registering and finishing take no lock and schedule nothing, so invocations that end in time (almost
 * all) cost two map operations, not a scheduled task each.
 *
 * <p>The thread sleeps until the earliest deadline it knows of, at most a second: an invocation registered while
 * it sleeps has at least a second to run (Lambda timeouts are whole seconds), so it is never expired late.
 */
final class Timeouts implements AutoCloseable {
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One invocation under watch. */
    abstract static class Watch {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int EXPIRING = 2;
        private static final int EXPIRED = 3;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Watch.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final long timeoutNanos;
        /** Set by {@link Timeouts#start}: the clock runs from then, not from when the watch was made. */
        private long deadline;
        /** Its own hash: an identity hash is made by the VM on first use, and every watch is used once. */
        private final int hash = ThreadLocalRandom.current().nextInt();
        @SuppressWarnings("unused")
        private volatile int state;

        Watch(int timeoutSeconds) {
            this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        }

        @Override
        public final int hashCode() {
            return hash;
        }

        @Override
        public final boolean equals(Object other) {
            return this == other;
        }

        /** Called on the timeout thread, once, when the deadline passed before the handler returned. */
        abstract void expire();

        /** The handler returned: true when in time, false when the invocation was (or is being) expired. */
        final boolean finishedInTime() {
            return STATE.compareAndSet(this, RUNNING, FINISHED);
        }

        /** After {@link #finishedInTime()} said false: waits until {@link #expire()} has run to its end. */
        final void awaitExpired() {
            while (state != EXPIRED) {
                LockSupport.parkNanos(this, 100_000);
            }
        }
    }

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    Timeouts(String threadName) {
        thread = new Thread(this::watch, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching: the timeout counts from now. The caller must call {@link #finished(Watch)} when the handler
     * returns (also when it never started watching).
     */
    void start(Watch watch) {
        watch.deadline = System.nanoTime() + watch.timeoutNanos;
        running.add(watch); // publishes the deadline to the timeout thread
        if (watch.deadline - System.nanoTime() < MAX_SLEEP_NANOS) {
            LockSupport.unpark(thread); // less than a second to go: the thread may be asleep for longer
        }
    }

    /** The handler returned: true when in time (the watch ends), false when it was or is being expired. */
    boolean finished(Watch watch) {
        if (watch.finishedInTime()) {
            running.remove(watch);
            return true;
        }
        return false;
    }

    private void watch() {
        while (!closed) {
            long now = System.nanoTime();
            long next = now + MAX_SLEEP_NANOS;
            for (Watch watch : running) {
                if (watch.deadline - now <= 0) {
                    running.remove(watch);
                    if (Watch.STATE.compareAndSet(watch, Watch.RUNNING, Watch.EXPIRING)) {
                        try {
                            watch.expire();
                        } catch (RuntimeException | Error e) {
                            System.out.println("[local] while timing out an invocation: " + e);
                        } finally {
                            watch.state = Watch.EXPIRED;
                        }
                    }
                } else if (watch.deadline - next < 0) {
                    next = watch.deadline;
                }
            }
            LockSupport.parkNanos(this, next - now);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
