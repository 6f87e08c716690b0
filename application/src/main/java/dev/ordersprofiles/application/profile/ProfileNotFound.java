package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.domain.shared.DomainException;
import dev.ordersprofiles.domain.shared.UserId;

/** There is no such profile, or it is someone else's: the two look the same to a caller. */
public final class ProfileNotFound extends DomainException {
    public ProfileNotFound(UserId userId) {
        super("profile " + userId + " not found");
    }
}
