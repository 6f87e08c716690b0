package dev.ordersprofiles.domain.profile;

import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's profile. The user id and email come from the identity token, never from a request body;
 * only the name is the user's to choose.
 */
public record Profile(UserId userId, ProfileName name, Email email, Instant createdAt, Instant updatedAt) {
    public Profile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt is before createdAt");
        }
    }

    public static Profile create(UserId userId, ProfileName name, Email email, Instant now) {
        return new Profile(userId, name, email, now, now);
    }

    /** The same profile with a new name and email, as of {@code now}. */
    public Profile update(ProfileName newName, Email newEmail, Instant now) {
        Instant at = now.isBefore(updatedAt) ? updatedAt : now;
        return new Profile(userId, newName, newEmail, createdAt, at);
    }
}
