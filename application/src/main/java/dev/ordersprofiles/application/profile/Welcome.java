package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;

/** A greeting for a new user. {@link #message()} is the line operators and tests look for. */
public record Welcome(UserId userId, ProfileName name) {

    public String message() {
        return "WELCOME: userId=" + userId + " name=" + name;
    }
}
