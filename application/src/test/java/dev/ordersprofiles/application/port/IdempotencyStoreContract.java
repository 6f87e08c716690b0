package dev.ordersprofiles.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} does. Subclasses provide a fresh store whose notion of "now" is the
 * time {@link #NOW}.
 */
public abstract class IdempotencyStoreContract {
    protected static final Instant NOW = OrderFixtures.T0;
    protected IdempotencyStore store;

    /** A fresh store that considers {@code now} the current time. */
    protected abstract IdempotencyStore newStore(Instant now);

    @BeforeEach
    void setUpStore() {
        store = newStore(NOW);
    }

    @Test
    void a_new_key_is_claimed() {
        assertThat(store.claim(record(OrderFixtures.newUser(), "key-1", "hash-a", NOW.plusSeconds(60)))).isEmpty();
    }

    @Test
    void a_claimed_key_returns_the_first_record_unchanged() {
        UserId user = OrderFixtures.newUser();
        IdempotencyRecord first = record(user, "key-1", "hash-a", NOW.plus(Duration.ofHours(24)));
        store.claim(first);

        assertThat(store.claim(record(user, "key-1", "hash-b", NOW.plus(Duration.ofHours(24))))).contains(first);
        assertThat(store.claim(record(user, "key-1", "hash-c", NOW.plus(Duration.ofHours(24))))).contains(first);
    }

    @Test
    void keys_are_per_user() {
        store.claim(record(OrderFixtures.ALICE, "shared-key", "hash-a", NOW.plusSeconds(60)));

        assertThat(store.claim(record(OrderFixtures.BOB, "shared-key", "hash-b", NOW.plusSeconds(60)))).isEmpty();
    }

    @Test
    void an_expired_claim_can_be_claimed_again() {
        UserId user = OrderFixtures.newUser();
        store.claim(record(user, "old-key", "hash-a", NOW.minusSeconds(1)));
        IdempotencyRecord fresh = record(user, "old-key", "hash-b", NOW.plusSeconds(60));

        assertThat(store.claim(fresh)).isEmpty();
        assertThat(store.claim(record(user, "old-key", "hash-c", NOW.plusSeconds(60)))).contains(fresh);
    }

    private static IdempotencyRecord record(UserId user, String key, String hash, Instant expiresAt) {
        return new IdempotencyRecord(user, IdempotencyKey.of(key), hash, OrderFixtures.newId(), expiresAt);
    }
}
