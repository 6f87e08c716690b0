package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.domain.profile.Profile;

public final class GetProfileService implements GetProfile {
    private final ProfileRepository profiles;

    public GetProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @Override
    public Profile get(GetProfileQuery query) {
        if (!query.requester().equals(query.profileId())) {
            throw new ProfileNotFound(query.profileId());
        }
        return profiles.find(query.profileId()).orElseThrow(() -> new ProfileNotFound(query.profileId()));
    }
}
