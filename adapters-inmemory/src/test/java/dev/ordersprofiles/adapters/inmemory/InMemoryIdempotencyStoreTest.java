package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.IdempotencyStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    protected IdempotencyStore newStore(Instant now) {
        return new InMemoryIdempotencyStore(Clock.fixed(now, ZoneOffset.UTC));
    }
}
