package dev.ordersprofiles.application.port;

import dev.ordersprofiles.application.order.IdempotencyRecord;
import java.util.Optional;

/** Remembers which order an Idempotency-Key produced, for 24 hours. */
public interface IdempotencyStore {

    /**
     * Claims {@code record}'s key for its request, atomically.
     *
     * @return empty when the claim was made; otherwise the record already holding the key (which is left unchanged)
     */
    Optional<IdempotencyRecord> claim(IdempotencyRecord record);
}
