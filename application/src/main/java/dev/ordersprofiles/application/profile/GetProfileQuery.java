package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.domain.shared.UserId;
import java.util.Objects;

public record GetProfileQuery(UserId requester, UserId profileId) {
    public GetProfileQuery {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(profileId, "profileId");
    }
}
