package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.port.IdempotencyStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Idempotency records in a concurrent map; a record past its expiry counts as absent. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final ConcurrentMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord record) {
        IdempotencyRecord[] earlier = {null};
        records.compute(record.userId().value() + "#" + record.key().value(), (key, existing) -> {
            if (existing != null && !existing.isExpiredAt(clock.instant())) {
                earlier[0] = existing;
                return existing;
            }
            return record;
        });
        return Optional.ofNullable(earlier[0]);
    }
}
