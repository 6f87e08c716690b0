package dev.ordersprofiles.handlers.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC with milliseconds, fixed width: {@code 2026-11-27T08:15:30.456Z}. */
final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
