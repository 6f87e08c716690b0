package dev.ordersprofiles.local.stream;

import dev.ordersprofiles.adapters.inmemory.ProfileChange;
import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Adds a change stream to a store that has none (dynalite has no DynamoDB Streams): every successful write is
 * published with its old and new image. The old image is read just before the write, so two concurrent updates of
 * one profile may both report the same old image; AWS's stream would not.
 */
public final class StreamingProfileRepository implements ProfileRepository {
    private final ProfileRepository store;
    private final Consumer<ProfileChange> stream;

    public StreamingProfileRepository(ProfileRepository store, Consumer<ProfileChange> stream) {
        this.store = store;
        this.stream = stream;
    }

    @Override
    public Optional<Profile> find(UserId userId) {
        return store.find(userId);
    }

    @Override
    public boolean insert(Profile profile) {
        boolean inserted = store.insert(profile);
        if (inserted) {
            stream.accept(new ProfileChange(ProfileChange.Type.INSERT, null, profile));
        }
        return inserted;
    }

    @Override
    public void update(Profile profile) {
        Optional<Profile> old = store.find(profile.userId());
        store.update(profile);
        stream.accept(new ProfileChange(old.isPresent() ? ProfileChange.Type.MODIFY : ProfileChange.Type.INSERT,
                old.orElse(null), profile));
    }
}
