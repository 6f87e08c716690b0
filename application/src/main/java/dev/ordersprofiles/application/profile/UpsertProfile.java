package dev.ordersprofiles.application.profile;

/** Creates the caller's profile, or updates its name and email. */
public interface UpsertProfile {

    UpsertProfileResult upsert(UpsertProfileCommand command);
}
