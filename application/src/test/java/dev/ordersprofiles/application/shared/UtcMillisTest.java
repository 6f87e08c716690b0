package dev.ordersprofiles.application.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both directions held to the DateTimeFormatter pattern they replace, on chosen and random values. */
class UtcMillisTest {
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final long YEAR_10000 = LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long YEAR_0 = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    /** Separators, letters, a space, a sign and an Arabic-Indic digit. */
    private static final String OTHERS = ":-T.Z x\u0661+";
    private final Random random = new Random(20261127L);

    @Test
    void formats_like_the_pattern_with_the_sub_millisecond_digits_dropped() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-11-27T08:15:30.456789Z"),
                Instant.parse("2024-02-29T23:59:59.999Z"), Instant.ofEpochSecond(YEAR_10000 - 1, 999_999_999),
                Instant.ofEpochSecond(YEAR_0), Instant.ofEpochSecond(-1, 1)));
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(YEAR_0 + (long) (random.nextDouble() * (YEAR_10000 - YEAR_0)),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            String expected = PATTERN.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS),
                    ZoneOffset.UTC));
            assertThat(UtcMillis.format(instant)).as("%s", instant).isEqualTo(expected).hasSize(UtcMillis.WIDTH);
        }
    }

    @Test
    void years_that_four_digits_cannot_hold_are_refused() {
        assertThatThrownBy(() -> UtcMillis.format(Instant.ofEpochSecond(YEAR_10000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UtcMillis.format(Instant.ofEpochSecond(YEAR_0 - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parses_what_the_pattern_parses_and_refuses_what_it_refuses() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            char[] text = UtcMillis.format(Instant.ofEpochSecond(
                    (long) (random.nextDouble() * YEAR_10000), random.nextInt(1_000_000_000))).toCharArray();
            // Half of them changed at one place: another digit (which may make a 30th of February or an hour 24),
            // or any other character.
            if (random.nextBoolean()) {
                int at = random.nextInt(text.length);
                text[at] = random.nextBoolean() ? (char) ('0' + random.nextInt(10))
                        : OTHERS.charAt(random.nextInt(OTHERS.length()));
            }
            texts.add(new String(text));
        }
        texts.addAll(List.of("2024-02-29T00:00:00.000Z", "2023-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z",
                "2026-12-31T24:00:00.000Z", "2026-12-31T23:59:60.000Z", "2026-13-01T00:00:00.000Z",
                "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"));
        for (String text : texts) {
            Instant expected;
            try {
                expected = LocalDateTime.parse(text, PATTERN).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException refused) {
                expected = null;
            }
            if (expected == null) {
                assertThat(catchThrowable(() -> UtcMillis.parse(text))).as(text)
                        .isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(UtcMillis.parse(text)).as(text).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-01-01T00:00:00Z", "2026-01-01 00:00:00.000Z", "2026-01-01T00:00:00.000+",
            "+2026-01-01T00:00:00.00Z", "2026-01-01T00:00:00.000Z ", "２026-01-01T00:00:00.000Z"})
    void anything_but_the_fixed_format_is_refused(String text) {
        assertThatThrownBy(() -> UtcMillis.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a yyyy-MM-ddTHH:mm:ss.SSSZ timestamp");
    }

    @Test
    void null_is_refused() {
        assertThatThrownBy(() -> UtcMillis.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
