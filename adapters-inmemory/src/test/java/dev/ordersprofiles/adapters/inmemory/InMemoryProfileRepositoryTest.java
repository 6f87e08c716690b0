package dev.ordersprofiles.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.application.port.ProfileRepositoryContract;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryProfileRepositoryTest extends ProfileRepositoryContract {
    @Override
    protected ProfileRepository newRepository() {
        return new InMemoryProfileRepository();
    }

    @Test
    void every_write_reaches_the_change_feed_with_old_and_new_images_in_order() {
        InMemoryProfileRepository repo = new InMemoryProfileRepository();
        List<ProfileChange> feed = new ArrayList<>();
        repo.subscribe(feed::add);
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        Profile ada = Profile.create(UserId.of("u1"), ProfileName.of("Ada"), Email.of("a@x.io"), t0);
        Profile renamed = ada.update(ProfileName.of("Ada L."), Email.of("a@x.io"), t0.plusSeconds(1));

        repo.insert(ada);
        repo.insert(ada);
        repo.update(renamed);
        repo.remove(ada.userId());

        assertThat(feed).containsExactly(
                new ProfileChange(ProfileChange.Type.INSERT, null, ada),
                new ProfileChange(ProfileChange.Type.MODIFY, ada, renamed),
                new ProfileChange(ProfileChange.Type.REMOVE, renamed, null));
    }
}
