package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.domain.profile.Profile;

/** Reads the requester's own profile. */
public interface GetProfile {

    /** @throws ProfileNotFound when there is none or it is someone else's */
    Profile get(GetProfileQuery query);
}
