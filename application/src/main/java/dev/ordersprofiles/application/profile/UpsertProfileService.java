package dev.ordersprofiles.application.profile;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.domain.profile.Profile;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

public final class UpsertProfileService implements UpsertProfile {
    private final ProfileRepository profiles;
    private final Clock clock;
    private final EventLog events;

    public UpsertProfileService(ProfileRepository profiles, Clock clock, EventLog events) {
        this.profiles = profiles;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public UpsertProfileResult upsert(UpsertProfileCommand command) {
        Instant now = clock.instant();
        Optional<Profile> existing = profiles.find(command.userId());
        if (existing.isEmpty()) {
            Profile created = Profile.create(command.userId(), command.name(), command.email(), now);
            if (profiles.insert(created)) {
                events.record(new BusinessEvent.ProfileCreated(command.userId()));
                return new UpsertProfileResult(created, true);
            }
            // Lost a race with a concurrent first upsert of the same user: update what it stored.
            existing = profiles.find(command.userId());
        }
        Profile updated = existing.orElseThrow().update(command.name(), command.email(), now);
        profiles.update(updated);
        return new UpsertProfileResult(updated, false);
    }
}
