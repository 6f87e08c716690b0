package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static dev.ordersprofiles.application.testing.OrderFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.profile.GetProfileQuery;
import dev.ordersprofiles.application.profile.ProfileNotFound;
import dev.ordersprofiles.application.profile.UpsertProfileCommand;
import dev.ordersprofiles.application.profile.UpsertProfileResult;
import dev.ordersprofiles.application.profile.WelcomeNewProfileCommand;
import dev.ordersprofiles.application.profile.WelcomeNewProfileService;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.ProfileName;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfilesTest {
    private final App app = new App();

    @Test
    void the_first_upsert_creates_and_later_ones_update_keeping_the_creation_time() {
        UpsertProfileResult created = app.upsertProfile.upsert(command(ALICE, "Alice"));
        app.clock.advance(Duration.ofMinutes(1));
        UpsertProfileResult updated = app.upsertProfile.upsert(command(ALICE, "  Alice B. "));

        assertThat(created.created()).isTrue();
        assertThat(updated.created()).isFalse();
        assertThat(updated.profile().name().value()).isEqualTo("Alice B.");
        assertThat(updated.profile().createdAt()).isEqualTo(OrderFixtures.T0);
        assertThat(updated.profile().updatedAt()).isEqualTo(OrderFixtures.T0.plus(Duration.ofMinutes(1)));
        assertThat(app.getProfile.get(new GetProfileQuery(ALICE, ALICE))).isEqualTo(updated.profile());
        assertThat(app.events.events()).containsExactly(new BusinessEvent.ProfileCreated(ALICE));
    }

    @Test
    void someone_elses_profile_is_not_found_like_a_missing_one() {
        app.upsertProfile.upsert(command(ALICE, "Alice"));

        assertThatThrownBy(() -> app.getProfile.get(new GetProfileQuery(BOB, ALICE)))
                .isInstanceOf(ProfileNotFound.class).hasMessage("profile alice-sub not found");
        assertThatThrownBy(() -> app.getProfile.get(new GetProfileQuery(BOB, BOB)))
                .isInstanceOf(ProfileNotFound.class);
    }

    @Test
    void a_welcome_names_the_user() {
        String message = new WelcomeNewProfileService()
                .welcome(new WelcomeNewProfileCommand(ALICE, ProfileName.of("Alice"))).message();

        assertThat(message).isEqualTo("WELCOME: userId=alice-sub name=Alice");
    }

    private static UpsertProfileCommand command(dev.ordersprofiles.domain.shared.UserId user, String name) {
        return new UpsertProfileCommand(user, Email.of(user + "@example.com"), ProfileName.of(name));
    }
}
