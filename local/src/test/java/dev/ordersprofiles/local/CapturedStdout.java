package dev.ordersprofiles.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every line written to standard output (still passing it through), so end-to-end tests can look for log
 * lines. Install before the first stack starts in the JVM: the stack wraps whatever System.out is then.
 */
final class CapturedStdout {
    private static final List<String> LINES = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private CapturedStdout() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                original.write(b);
                if (b == '\n') {
                    LINES.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** Waits up to {@code timeout} for a line containing {@code text}. */
    static Optional<String> await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> found = LINES.stream().filter(l -> l.contains(text)).findFirst();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    static List<String> lines() {
        return List.copyOf(LINES);
    }
}
