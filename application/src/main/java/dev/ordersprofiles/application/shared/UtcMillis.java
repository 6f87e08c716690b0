package dev.ordersprofiles.application.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants as fixed-width ISO-8601 UTC text with milliseconds, {@code 2026-11-27T08:15:30.456Z}: how the API
 * writes them and how the tables store them (fixed width, so string order is time order).
 *
 * <p>Written out by hand rather than with a {@code DateTimeFormatter} pattern: building and first using one loads
 * the locale providers and their resource bundles, about 10 ms of a function's first invocation
 * (docs/performance.md). {@code UtcMillisTest} holds both directions to the formatter they replace.
 */
public final class UtcMillis {
    /** The length of every timestamp. */
    public static final int WIDTH = 24;

    private UtcMillis() {
    }

    /**
     * The instant, truncated to the millisecond.
     *
     * @throws IllegalArgumentException for a year outside 0000..9999, which four digits cannot hold
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year outside 0000..9999: " + instant);
        }
        char[] out = new char[WIDTH];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    /**
     * Exactly the format {@link #format} writes: ASCII digits, a real date and time of day (no February 30th, no
     * hour 24, no leap second).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Instant parse(String text) {
        if (text == null || text.length() != WIDTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            throw notATimestamp();
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int millis = number(text, 20, 3);
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw notATimestamp();
        }
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw notATimestamp();
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static IllegalArgumentException notATimestamp() {
        return new IllegalArgumentException("not a yyyy-MM-ddTHH:mm:ss.SSSZ timestamp");
    }
}
