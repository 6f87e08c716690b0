package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.domain.profile.Profile;

/** A profile as the API shows it (contracts/openapi.yaml Profile). */
public record ProfileResponse(String userId, String name, String email, String createdAt, String updatedAt) {
    static ProfileResponse from(Profile profile) {
        return new ProfileResponse(profile.userId().value(), profile.name().value(), profile.email().value(),
                Timestamps.format(profile.createdAt()), Timestamps.format(profile.updatedAt()));
    }
}
