package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.port.IdempotencyStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency records in DynamoDB. A claim is one conditional PutItem that succeeds when the key is free or its
 * record has expired ({@code expiresAt <= now}; DynamoDB TTL deletes expired records only eventually, and dynalite
 * never). When the claim fails the holder comes back with the failure (ReturnValuesOnConditionCheckFailure), or,
 * where the server does not support that (dynalite), from a strongly consistent GetItem.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDb dynamo;
    private final String table;
    private final Clock clock;
    private final IdempotencyItemMapper mapper;

    public DynamoDbIdempotencyStore(DynamoDb dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.mapper = new IdempotencyItemMapper(table);
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord record) {
        Map<String, AttributeValue> item = mapper.toItem(record);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String now = Timestamps.format(clock.instant());
            try {
                dynamo.putItem(new DynamoDb.Put(table, item, "attribute_not_exists(#pk) OR #expiresAt <= :now",
                        Map.of("#pk", IdempotencyItemMapper.PK, "#expiresAt", IdempotencyItemMapper.EXPIRES_AT),
                        Map.of(":now", AttributeValue.fromS(now)), true));
                return Optional.empty();
            } catch (DynamoDb.ConditionFailed taken) {
                if (taken.item().isPresent()) {
                    return Optional.of(mapper.fromItem(taken.item().get()));
                }
                Optional<Map<String, AttributeValue>> holder = dynamo.getItem(table,
                        IdempotencyItemMapper.key(record.userId(), record.key()), true);
                if (holder.isPresent()) {
                    IdempotencyRecord existing = mapper.fromItem(holder.get());
                    if (!existing.isExpiredAt(clock.instant())) {
                        return Optional.of(existing);
                    }
                }
                // The holder vanished (TTL) or expired between the put and the get: try to claim again.
            }
        }
        throw new IllegalStateException("could not claim idempotency key " + record.key().value() + " of user "
                + record.userId() + " after " + MAX_ATTEMPTS + " attempts");
    }
}
