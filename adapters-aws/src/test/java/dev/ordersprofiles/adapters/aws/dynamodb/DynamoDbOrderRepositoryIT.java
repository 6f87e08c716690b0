package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderRepositoryContract;
import java.time.Duration;

/** The OrderRepository contract against dynalite; pages of 2 make the due-order query paginate. */
class DynamoDbOrderRepositoryIT extends OrderRepositoryContract {

    @Override
    protected OrderRepository newRepository() {
        Dynalite dynalite = Dynalite.shared();
        return new DynamoDbOrderRepository(dynalite.dynamoDb(), dynalite.freshTables().orders(), 8,
                Duration.ofDays(30), STUCK_AFTER, 2);
    }
}
