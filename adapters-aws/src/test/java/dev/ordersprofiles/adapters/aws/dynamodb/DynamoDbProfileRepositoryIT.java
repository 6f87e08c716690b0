package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.application.port.ProfileRepositoryContract;

/** The ProfileRepository contract against dynalite. */
class DynamoDbProfileRepositoryIT extends ProfileRepositoryContract {

    @Override
    protected ProfileRepository newRepository() {
        Dynalite dynalite = Dynalite.shared();
        return new DynamoDbProfileRepository(dynalite.dynamoDb(), dynalite.freshTables().profiles());
    }
}
