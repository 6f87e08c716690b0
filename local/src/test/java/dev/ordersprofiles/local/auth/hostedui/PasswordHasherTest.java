package dev.ordersprofiles.local.auth.hostedui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void a_hash_is_argon2id_in_phc_format_with_its_parameters_and_a_fresh_salt() {
        String first = hasher.hash("Correct-Horse-42");
        String second = hasher.hash("Correct-Horse-42");
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("Correct-Horse-42");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("Correct-Horse-42", first)).isTrue();
        assertThat(hasher.matches("Correct-Horse-42", second)).isTrue();
    }

    @Test
    void another_password_or_a_malformed_hash_does_not_match() {
        String hash = hasher.hash("Correct-Horse-42");
        assertThat(hasher.matches("correct-Horse-42", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
        assertThat(hasher.matches("Correct-Horse-42", hash.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.matches("Correct-Horse-42", "$argon2id$v=19$m=x$y$z")).isFalse();
        assertThat(hasher.matches("Correct-Horse-42", null)).isFalse();
        // The parameters are read from the hash: the same password under other parameters is another hash.
        assertThat(hasher.matches("Correct-Horse-42", hash.replace("t=2", "t=3"))).isFalse();
    }
}
