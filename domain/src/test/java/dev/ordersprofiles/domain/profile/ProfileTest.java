package dev.ordersprofiles.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void names_are_trimmed_and_bounded() {
        assertThat(ProfileName.of("  Ada Lovelace \n").value()).isEqualTo("Ada Lovelace");
        assertThat(ProfileName.of("é".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> ProfileName.of("   ")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> ProfileName.of("x".repeat(101))).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> ProfileName.of("a\u0000b")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> ProfileName.of(null)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void emails_need_one_at_sign() {
        assertThat(Email.of("ada@example.com").value()).isEqualTo("ada@example.com");
        assertThatThrownBy(() -> Email.of("ada.example.com")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> Email.of("a@b@c")).isInstanceOf(InvalidValue.class);
    }

    @Test
    void updating_keeps_the_creation_time_and_moves_updated_at() {
        Profile created = Profile.create(UserId.of("u1"), ProfileName.of("Ada"), Email.of("a@x.io"), T0);
        Profile updated = created.update(ProfileName.of("Ada L."), Email.of("a@x.io"), T0.plusSeconds(60));

        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(updated.name().value()).isEqualTo("Ada L.");
    }
}
