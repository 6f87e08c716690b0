package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * What an Idempotency-Key of a user stands for: the hash of the request that first used it and the order it
 * made. Keys are per user; the record is forgotten at {@code expiresAt}.
 */
public record IdempotencyRecord(UserId userId, IdempotencyKey key, String requestHash, OrderId orderId,
                                Instant expiresAt) {
    public IdempotencyRecord {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
