package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.IdempotencyStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The IdempotencyStore contract against dynalite (which ignores ReturnValuesOnConditionCheckFailure). */
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {

    @Override
    protected IdempotencyStore newStore(Instant now) {
        Dynalite dynalite = Dynalite.shared();
        return new DynamoDbIdempotencyStore(dynalite.dynamoDb(), dynalite.freshTables().idempotency(),
                Clock.fixed(now, ZoneOffset.UTC));
    }
}
