package dev.ordersprofiles.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Standard output shared by every function of the JVM, each line prefixed with the function that wrote it:
 * {@code [orders-create] {...}}. The function is known per thread while it is invoked.
 *
 * <p>Lines are handed to one writer thread through a queue, in the order each thread wrote them: under load
 * dozens of handler threads log at once, and a shared, locked stream would make them queue behind each other.
 * After each write the writer lets lines gather for a moment ({@value #GATHER_MILLIS} ms), so that a steady stream
 * of lines costs one wake-up and one write per few milliseconds, not one per line.
 */
public final class FunctionLogs {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    /** Bounded: when the terminal cannot keep up, writers wait instead of the queue eating the heap. */
    private static final BlockingQueue<String> LINES = new LinkedBlockingQueue<>(100_000);
    private static final AtomicLong QUEUED = new AtomicLong();
    private static final AtomicLong WRITTEN = new AtomicLong();
    static final int GATHER_MILLIS = 2;
    private static volatile PrintStream target;
    /** Who else reads every line as it goes out (the console's log and metric views). */
    private static final List<java.util.function.Consumer<String>> TAPS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FunctionLogs() {
    }

    /** Replaces System.out, once per JVM, by a stream that prefixes lines written during invocations. */
    public static synchronized void install() {
        if (target != null) {
            return;
        }
        target = System.out;
        Thread writer = new Thread(FunctionLogs::write, "function-logs");
        writer.setDaemon(true);
        writer.start();
        System.setOut(new LineStream());
    }

    /** {@code listener} gets every line after it is written (on the writer thread: it must be quick). */
    public static void tap(java.util.function.Consumer<String> listener) {
        TAPS.add(listener);
    }

    /** Waits (at most two seconds) until every line written so far is out. */
    public static void flush() {
        long queued = QUEUED.get();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (target != null && WRITTEN.get() < queued && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A line a function process wrote to its stdout or stderr, prefixed with the function's name. */
    static void line(String functionName, String text) {
        if (target == null) {
            System.out.println("[" + functionName + "] " + text);
            return;
        }
        try {
            LINES.put("[" + functionName + "] " + text);
            QUEUED.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void enter(String functionName) {
        CURRENT.set(functionName);
    }

    static void leave() {
        CURRENT.remove();
    }

    private static void emit(String text) {
        String function = CURRENT.get();
        try {
            LINES.put(function == null ? text : "[" + function + "] " + text);
            QUEUED.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write() {
        List<String> batch = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        while (true) {
            try {
                batch.add(LINES.take());
            } catch (InterruptedException e) {
                return;
            }
            LINES.drainTo(batch, 1000);
            for (String line : batch) {
                out.append(line).append(System.lineSeparator());
            }
            target.print(out);
            target.flush();
            for (java.util.function.Consumer<String> tap : TAPS) {
                for (String line : batch) {
                    try {
                        tap.accept(line);
                    } catch (RuntimeException e) {
                        // a reader's failure never stops the log
                    }
                }
            }
            WRITTEN.addAndGet(batch.size());
            out.setLength(0);
            batch.clear();
            try {
                Thread.sleep(GATHER_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** println(String), the handlers' way of logging, goes straight to the queue; other writes are split in lines. */
    private static final class LineStream extends PrintStream {
        private static final ThreadLocal<ByteArrayOutputStream> PARTIAL =
                ThreadLocal.withInitial(ByteArrayOutputStream::new);

        LineStream() {
            super(new Splitter(), true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String line) {
            ByteArrayOutputStream partial = PARTIAL.get();
            if (partial.size() > 0) {
                super.println(line);
                return;
            }
            emit(String.valueOf(line));
        }

        @Override
        public void println(Object value) {
            println(String.valueOf(value));
        }

        private static final class Splitter extends OutputStream {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                ByteArrayOutputStream buffer = PARTIAL.get();
                int start = off;
                for (int i = off; i < off + len; i++) {
                    if (bytes[i] == '\n') {
                        buffer.write(bytes, start, i - start);
                        emit(buffer.toString(StandardCharsets.UTF_8));
                        buffer.reset();
                        start = i + 1;
                    }
                }
                buffer.write(bytes, start, off + len - start);
            }
        }
    }
}
