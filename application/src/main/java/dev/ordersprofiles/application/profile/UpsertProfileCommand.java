package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Objects;

/** {@code userId} and {@code email} come from the caller's identity token; only {@code name} from the request. */
public record UpsertProfileCommand(UserId userId, Email email, ProfileName name) {
    public UpsertProfileCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
    }
}
