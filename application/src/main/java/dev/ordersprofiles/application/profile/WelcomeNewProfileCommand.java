package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.domain.profile.ProfileName;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Objects;

public record WelcomeNewProfileCommand(UserId userId, ProfileName name) {
    public WelcomeNewProfileCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
    }
}
