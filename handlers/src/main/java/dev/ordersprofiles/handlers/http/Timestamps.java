package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.application.shared.UtcMillis;
import java.time.Instant;

/** ISO-8601 UTC with milliseconds, fixed width: {@code 2026-11-27T08:15:30.456Z}. */
final class Timestamps {
    private Timestamps() {
    }

    static String format(Instant instant) {
        return UtcMillis.format(instant);
    }
}
