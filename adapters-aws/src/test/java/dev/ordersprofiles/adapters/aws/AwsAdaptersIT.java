package dev.ordersprofiles.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.adapters.aws.dynamodb.TableDefinitions;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.adapters.aws.testing.DynamoDbCalls;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.profile.ProfileName;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory the handlers call, configured from environment variables, against dynalite. */
class AwsAdaptersIT {

    @Test
    void adapters_built_from_the_environment_store_and_read_all_three_tables() {
        Dynalite dynalite = Dynalite.shared();
        TableNames names = TableNames.prefixed("factory-" + System.nanoTime() + "-");
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "ORDERS_TABLE", names.orders(),
                "PROFILES_TABLE", names.profiles(),
                "IDEMPOTENCY_TABLE", names.idempotency(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString()));

        AwsAdapters adapters = AwsAdapters.fromSettings(settings, Dynalite.DUMMY_CREDENTIALS, Clock.systemUTC());

        assertThat(TableDefinitions.createMissing(adapters.dynamoDb(), names))
                .containsExactlyInAnyOrder(names.orders(), names.profiles(), names.idempotency());
        assertThat(TableDefinitions.createMissing(adapters.dynamoDb(), names)).isEmpty();
        assertThat(adapters.dynamoDb()).isSameAs(adapters.dynamoDb());

        Order order = OrderFixtures.pending();
        adapters.orderRepository().add(order);
        assertThat(adapters.orderRepository().find(order.id())).contains(order);
        assertThat(adapters.orderRepository()).isSameAs(adapters.orderRepository());

        Profile profile = Profile.create(OrderFixtures.newUser(), ProfileName.of("Ada"),
                Email.of("ada@example.com"), OrderFixtures.T0);
        assertThat(adapters.profileRepository().insert(profile)).isTrue();
        assertThat(adapters.profileRepository().find(profile.userId())).contains(profile);

        IdempotencyRecord record = new IdempotencyRecord(profile.userId(), IdempotencyKey.of("k-1"), "h",
                order.id(), Clock.systemUTC().instant().plus(Duration.ofHours(24)));
        assertThat(adapters.idempotencyStore().claim(record)).isEmpty();
        assertThat(adapters.idempotencyStore().claim(record)).isPresent();
    }

    @Test
    void the_call_listener_given_to_the_factory_sees_every_dynamodb_exchange() {
        Dynalite dynalite = Dynalite.shared();
        TableNames names = dynalite.freshTables();
        DynamoDbCalls calls = new DynamoDbCalls();
        AwsAdapters adapters = dynalite.adapters(names, calls);

        Order order = OrderFixtures.pending();
        adapters.orderRepository().add(order);
        assertThat(adapters.orderRepository().find(order.id())).contains(order);
        assertThat(adapters.orderRepository().find(OrderFixtures.newId())).isEmpty();

        assertThat(calls.callsByOperation()).isEqualTo(Map.of("PutItem", 1L, "GetItem", 2L));
        assertThat(calls.itemsRead()).isEqualTo(1);
    }
}
