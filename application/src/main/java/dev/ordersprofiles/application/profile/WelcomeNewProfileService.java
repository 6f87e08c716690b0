package dev.ordersprofiles.application.profile;

public final class WelcomeNewProfileService implements WelcomeNewProfile {

    @Override
    public Welcome welcome(WelcomeNewProfileCommand command) {
        return new Welcome(command.userId(), command.name());
    }
}
