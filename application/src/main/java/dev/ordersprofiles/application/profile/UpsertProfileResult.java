package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.domain.profile.Profile;

/** The stored profile, and whether this call created it. */
public record UpsertProfileResult(Profile profile, boolean created) {
}
