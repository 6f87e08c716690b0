package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.shared.UtcMillis;
import java.time.Instant;

/**
 * Instants as fixed-width ISO-8601 UTC strings, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, so that string order is time
 * order (the byUser index sorts on {@code createdAt}). Precision is the millisecond; finer digits are dropped.
 */
final class Timestamps {
    static final int WIDTH = UtcMillis.WIDTH;
    /** 9999-12-31T23:59:59Z. */
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    private Timestamps() {
    }

    /** @throws IllegalArgumentException for an instant before 1970 or after 9999 */
    static String format(Instant instant) {
        if (instant.getEpochSecond() < 0 || instant.getEpochSecond() > LAST_SECOND_OF_9999) {
            throw new IllegalArgumentException("instant outside years 1970..9999: " + instant);
        }
        return UtcMillis.format(instant);
    }

    /** @throws IllegalArgumentException when {@code text} is not exactly in the stored format */
    static Instant parse(String text) {
        return UtcMillis.parse(text);
    }
}
