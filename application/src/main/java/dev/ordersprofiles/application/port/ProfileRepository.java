package dev.ordersprofiles.application.port;

import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Optional;

/** Where profiles live, one per user. Implementations are safe for concurrent use. */
public interface ProfileRepository {

    Optional<Profile> find(UserId userId);

    /** Stores a profile for a user who has none. @return false, storing nothing, when the user already has one */
    boolean insert(Profile profile);

    /** Replaces the user's existing profile. */
    void update(Profile profile);
}
