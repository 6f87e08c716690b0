package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.port.IdempotencyStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency records in DynamoDB. A claim is one conditional PutItem that succeeds when the key is free or its
 * record has expired ({@code expiresAt <= now}; DynamoDB TTL deletes expired records only eventually, and dynalite
 * never). When the claim fails the holder comes back with the failure (ReturnValuesOnConditionCheckFailure), or,
 * where the server does not support that (dynalite), from a strongly consistent GetItem.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final IdempotencyItemMapper mapper;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table, Clock clock) {
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
                dynamo.putItem(b -> b.tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk) OR #expiresAt <= :now")
                        .expressionAttributeNames(Map.of(
                                "#pk", IdempotencyItemMapper.PK, "#expiresAt", IdempotencyItemMapper.EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException taken) {
                if (taken.hasItem() && !taken.item().isEmpty()) {
                    return Optional.of(mapper.fromItem(taken.item()));
                }
                GetItemResponse holder = dynamo.getItem(b -> b.tableName(table)
                        .key(IdempotencyItemMapper.key(record.userId(), record.key()))
                        .consistentRead(true));
                if (holder.hasItem() && !holder.item().isEmpty()) {
                    IdempotencyRecord existing = mapper.fromItem(holder.item());
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
