package dev.ordersprofiles.adapters.aws.dynamodb;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * Instants as fixed-width ISO-8601 UTC strings, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, so that string order is time
 * order (the byUser index sorts on {@code createdAt}). Precision is the millisecond; finer digits are dropped.
 */
final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withResolverStyle(ResolverStyle.STRICT);
    static final int WIDTH = 24;

    private Timestamps() {
    }

    static String format(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        if (millis.getEpochSecond() < 0 || millis.isAfter(Instant.parse("9999-12-31T23:59:59.999Z"))) {
            throw new IllegalArgumentException("instant outside years 1970..9999: " + instant);
        }
        return FORMAT.format(LocalDateTime.ofInstant(millis, ZoneOffset.UTC));
    }

    /** @throws IllegalArgumentException when {@code text} is not exactly in the stored format */
    static Instant parse(String text) {
        if (text.length() != WIDTH) {
            throw new IllegalArgumentException("not a " + WIDTH + "-character timestamp");
        }
        try {
            return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a yyyy-MM-ddTHH:mm:ss.SSSZ timestamp");
        }
    }
}
