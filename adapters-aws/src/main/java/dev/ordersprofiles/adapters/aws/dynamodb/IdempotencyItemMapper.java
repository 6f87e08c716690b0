package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.Map;

/**
 * IdempotencyRecord <-> idempotency-table item: {@code pk} = {@code <userId>#<Idempotency-Key>} (a user id has no
 * '#', so the first '#' splits it), requestHash, orderId, expiresAt (exact, S) and ttlEpoch (N, for DynamoDB TTL,
 * rounded up to the second so TTL never deletes a record early).
 */
public final class IdempotencyItemMapper {
    static final String PK = TableDefinitions.IDEMPOTENCY_KEY;
    static final String REQUEST_HASH = "requestHash";
    static final String ORDER_ID = "orderId";
    static final String EXPIRES_AT = "expiresAt";
    static final String TTL_EPOCH = TableDefinitions.TTL_ATTRIBUTE;

    private final String table;

    public IdempotencyItemMapper(String table) {
        this.table = table;
    }

    public static String pk(UserId userId, IdempotencyKey key) {
        return userId.value() + "#" + key.value();
    }

    public static Map<String, AttributeValue> key(UserId userId, IdempotencyKey key) {
        return Map.of(PK, AttributeValue.fromS(pk(userId, key)));
    }

    public Map<String, AttributeValue> toItem(IdempotencyRecord record) {
        Instant expiresAt = record.expiresAt();
        long ttl = expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0);
        return Map.of(
                PK, AttributeValue.fromS(pk(record.userId(), record.key())),
                REQUEST_HASH, AttributeValue.fromS(record.requestHash()),
                ORDER_ID, AttributeValue.fromS(record.orderId().value()),
                EXPIRES_AT, AttributeValue.fromS(Timestamps.format(expiresAt)),
                TTL_EPOCH, AttributeValue.fromN(Long.toString(ttl)));
    }

    /** @throws CorruptItem when the item is not a well-formed record */
    public IdempotencyRecord fromItem(Map<String, AttributeValue> item) {
        AttributeValue pkValue = item.get(PK);
        String key = pkValue != null && pkValue.s() != null ? pkValue.s() : "<no pk>";
        ItemReader read = new ItemReader(table, key, item);
        String pk = read.string(PK);
        int split = pk.indexOf('#');
        if (split < 0) {
            throw read.corrupt(PK, "has no '#' between user id and key");
        }
        UserId userId = read.convert(PK, value -> UserId.of(value.substring(0, split)));
        IdempotencyKey idempotencyKey = read.convert(PK, value -> IdempotencyKey.of(value.substring(split + 1)));
        String requestHash = read.string(REQUEST_HASH);
        OrderId orderId = read.convert(ORDER_ID, OrderId::of);
        Instant expiresAt = read.instant(EXPIRES_AT);
        return new IdempotencyRecord(userId, idempotencyKey, requestHash, orderId, expiresAt);
    }
}
