package dev.ordersprofiles.local.asl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as Step Functions writes them in the context object: UTC with milliseconds. */
final class Times {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    static String format(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }
}
