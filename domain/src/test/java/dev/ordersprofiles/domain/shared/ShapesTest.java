package dev.ordersprofiles.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each hand-written check against the regular expression it replaced, on chosen and on random strings. */
class ShapesTest {
    /** Characters the shapes treat differently: the edges of every class, every \s, '@', and beyond ASCII. */
    private static final String ALPHABET = "aAzZfgG09_-@.!~\u007f \t\n\u000b\f\r\u00a0\u2003é\u0000\"/:+";
    private static final long SEED = 20261127L;

    @Test
    void words_are_letters_digits_dashes_and_underscores_up_to_a_length() {
        assertSame(Pattern.compile("[A-Za-z0-9_-]{1,128}"), s -> Shapes.isWord(s, 128),
                List.of("a", "A-z_0", "x".repeat(128), "x".repeat(129), "", "a b", "é", "a@b"), 128 + 8);
        assertSame(Pattern.compile("[A-Za-z0-9_-]{1,64}"), s -> Shapes.isWord(s, 64),
                List.of("sku-1", "x".repeat(64), "x".repeat(65)), 64 + 8);
    }

    @Test
    void a_lowercase_uuid_is_exactly_as_uuid_writes_it() {
        List<String> chosen = new ArrayList<>();
        Random random = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            chosen.add(uuid);
            chosen.add(uuid.toUpperCase());
            int at = random.nextInt(36);
            char other = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            chosen.add(uuid.substring(0, at) + other + uuid.substring(at + 1));
            chosen.add(uuid.substring(0, at) + uuid.substring(at + 1));
        }
        assertSame(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                Shapes::isLowercaseUuid, chosen, 40);
    }

    @Test
    void visible_ascii_has_no_spaces_or_controls() {
        assertSame(Pattern.compile("[\\x21-\\x7E]{1,255}"), s -> Shapes.isVisibleAscii(s, 255),
                List.of("!", "~", "key-1", "x".repeat(255), "x".repeat(256), " ", "\u007f", "a b", "é"), 260);
    }

    @Test
    void a_rough_email_has_one_at_and_no_spaces() {
        assertSame(Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}"), Shapes::isRoughEmail,
                List.of("a@b", "a.b+c@example.com", "x".repeat(64) + "@b", "x".repeat(65) + "@b",
                        "a@" + "d".repeat(255), "a@" + "d".repeat(256), "@b", "a@", "a@@b", "a@b@c", "a b@c",
                        "a@b\tc", "a\u00a0b@c", "é@ü"),
                80);
    }

    @Test
    void nothing_matches_null() {
        assertThat(Shapes.isWord(null, 10)).isFalse();
        assertThat(Shapes.isLowercaseUuid(null)).isFalse();
        assertThat(Shapes.isVisibleAscii(null, 10)).isFalse();
        assertThat(Shapes.isRoughEmail(null)).isFalse();
    }

    /** The chosen strings, then 20,000 random ones up to {@code maxLength}, some of them with one '@' in. */
    private static void assertSame(Pattern regex, Predicate<String> check, List<String> chosen, int maxLength) {
        List<String> all = new ArrayList<>(chosen);
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(maxLength + 1);
            // Mostly characters from the first few of the alphabet (which every shape accepts), so that long
            // strings that match, and strings that fail only at one place, are common.
            for (int j = 0; j < length; j++) {
                boolean plain = random.nextInt(length + 1) > 0;
                s.append(ALPHABET.charAt(random.nextInt(plain ? 10 : ALPHABET.length())));
            }
            if (length > 0 && random.nextBoolean()) {
                s.setCharAt(random.nextInt(length), '@');
            }
            all.add(s.toString());
        }
        for (String s : all) {
            assertThat(check.test(s)).as("%s on \"%s\"", regex, s).isEqualTo(regex.matcher(s).matches());
        }
    }
}
