package dev.ordersprofiles.application.profile;

/** Greets a user whose profile was just created (fed by the profile store's change stream). */
public interface WelcomeNewProfile {

    Welcome welcome(WelcomeNewProfileCommand command);
}
