package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Profiles in memory, with a change feed: every write is published, in write order, to the subscribers as a
 * {@link ProfileChange} carrying the old and new images (what a DynamoDB stream with NEW_AND_OLD_IMAGES
 * carries). Subscribers are called on the writing thread while the store is locked, so they must be quick
 * (hand the change to a queue).
 */
public final class InMemoryProfileRepository implements ProfileRepository {
    private final Map<UserId, Profile> profiles = new HashMap<>();
    private final List<Consumer<ProfileChange>> subscribers = new CopyOnWriteArrayList<>();

    /** Every later write is passed to {@code subscriber}. */
    public void subscribe(Consumer<ProfileChange> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public synchronized Optional<Profile> find(UserId userId) {
        return Optional.ofNullable(profiles.get(userId));
    }

    @Override
    public synchronized boolean insert(Profile profile) {
        if (profiles.putIfAbsent(profile.userId(), profile) != null) {
            return false;
        }
        publish(new ProfileChange(ProfileChange.Type.INSERT, null, profile));
        return true;
    }

    @Override
    public synchronized void update(Profile profile) {
        Profile old = profiles.put(profile.userId(), profile);
        publish(new ProfileChange(old == null ? ProfileChange.Type.INSERT : ProfileChange.Type.MODIFY, old, profile));
    }

    /** Deletes the user's profile, if any. */
    public synchronized void remove(UserId userId) {
        Profile old = profiles.remove(userId);
        if (old != null) {
            publish(new ProfileChange(ProfileChange.Type.REMOVE, old, null));
        }
    }

    private void publish(ProfileChange change) {
        for (Consumer<ProfileChange> subscriber : subscribers) {
            subscriber.accept(change);
        }
    }
}
