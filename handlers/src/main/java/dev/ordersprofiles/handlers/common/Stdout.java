package dev.ordersprofiles.handlers.common;

/** Writes log lines to standard output (CloudWatch Logs on Lambda). Looks up {@code System.out} on every call. */
public final class Stdout {
    private Stdout() {
    }

    public static void line(String line) {
        System.out.println(line);
    }
}
