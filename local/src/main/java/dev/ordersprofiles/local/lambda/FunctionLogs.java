package dev.ordersprofiles.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output shared by every function of the JVM, each line prefixed with the function that wrote it:
 * {@code [orders-create] {...}}. The function is known per thread while it is invoked.
 */
public final class FunctionLogs {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static volatile boolean installed;

    private FunctionLogs() {
    }

    /** Replaces System.out, once per JVM, by a stream that prefixes lines written during invocations. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Prefixing(original), true, StandardCharsets.UTF_8));
        installed = true;
    }

    static void enter(String functionName) {
        CURRENT.set(functionName);
    }

    static void leave() {
        CURRENT.remove();
    }

    private static final class Prefixing extends OutputStream {
        private final PrintStream target;
        private final ThreadLocal<ByteArrayOutputStream> line = ThreadLocal.withInitial(ByteArrayOutputStream::new);

        Prefixing(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            ByteArrayOutputStream buffer = line.get();
            if (b == '\n') {
                emit(buffer);
            } else {
                buffer.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) {
            ByteArrayOutputStream buffer = line.get();
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (bytes[i] == '\n') {
                    buffer.write(bytes, start, i - start);
                    emit(buffer);
                    start = i + 1;
                }
            }
            buffer.write(bytes, start, off + len - start);
        }

        @Override
        public void flush() {
            target.flush();
        }

        private void emit(ByteArrayOutputStream buffer) {
            String function = CURRENT.get();
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            synchronized (target) {
                target.println(function == null ? text : "[" + function + "] " + text);
            }
        }
    }
}
