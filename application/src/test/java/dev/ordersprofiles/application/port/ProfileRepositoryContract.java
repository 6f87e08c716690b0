package dev.ordersprofiles.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProfileRepository} does. Subclasses provide a fresh, empty repository. */
public abstract class ProfileRepositoryContract {
    private static final Instant T0 = OrderFixtures.T0;
    protected ProfileRepository profiles;

    protected abstract ProfileRepository newRepository();

    @BeforeEach
    void setUpRepository() {
        profiles = newRepository();
    }

    @Test
    void an_unknown_profile_is_empty() {
        assertThat(profiles.find(OrderFixtures.newUser())).isEmpty();
    }

    @Test
    void an_inserted_profile_reads_back_equal() {
        Profile ada = profile(OrderFixtures.newUser(), "Ada Lovelace ✓");

        assertThat(profiles.insert(ada)).isTrue();
        assertThat(profiles.find(ada.userId())).contains(ada);
    }

    @Test
    void a_second_insert_for_the_same_user_is_refused_and_keeps_the_first() {
        UserId user = OrderFixtures.newUser();
        Profile first = profile(user, "First");
        profiles.insert(first);

        assertThat(profiles.insert(profile(user, "Second"))).isFalse();
        assertThat(profiles.find(user)).contains(first);
    }

    @Test
    void an_update_replaces_the_profile() {
        Profile ada = profile(OrderFixtures.newUser(), "Ada");
        profiles.insert(ada);
        Profile renamed = ada.update(ProfileName.of("Ada L."), Email.of("ada@new.example"), T0.plusSeconds(5));

        profiles.update(renamed);

        assertThat(profiles.find(ada.userId())).contains(renamed);
    }

    private static Profile profile(UserId user, String name) {
        return Profile.create(user, ProfileName.of(name), Email.of("ada@example.com"), T0);
    }
}
