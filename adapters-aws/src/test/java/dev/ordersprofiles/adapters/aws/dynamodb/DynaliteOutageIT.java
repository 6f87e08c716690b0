package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.ProfileRepository;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.profile.Profile;
import dev.ordersprofiles.domain.profile.ProfileName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The store dies (dynalite killed with SIGKILL, as in the experiment): every port the DynamoDB adapters
 * implement answers {@link DependencyUnavailable}, the workflow's transient error, after the client's own retries,
 * and never "not found", an empty page or a generic I/O error.
 */
class DynaliteOutageIT {
    private static Dynalite dynalite;
    private static OrderRepository orders;
    private static ProfileRepository profiles;
    private static IdempotencyStore idempotency;
    private static Order stored;
    private static Profile profile;

    @BeforeAll
    static void storeThenKill() {
        dynalite = Dynalite.startOwn();
        AwsAdapters adapters = dynalite.adapters(dynalite.freshTables());
        orders = adapters.orderRepository();
        profiles = adapters.profileRepository();
        idempotency = adapters.idempotencyStore();
        stored = OrderFixtures.pending();
        orders.add(stored);
        profile = Profile.create(OrderFixtures.newUser(), ProfileName.of("Ada"), Email.of("ada@example.com"),
                OrderFixtures.T0);
        assertThat(orders.find(stored.id())).as("the store answers before it is killed").contains(stored);

        dynalite.kill();
    }

    @AfterAll
    static void gone() {
        dynalite.kill();
    }

    @Test
    void every_port_call_on_a_killed_store_is_dependency_unavailable() {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("orders.find", () -> orders.find(stored.id()));
        calls.put("orders.add", () -> orders.add(OrderFixtures.pending()));
        calls.put("orders.update", () -> orders.update(stored, stored.validate(OrderFixtures.T0.plusSeconds(1))));
        calls.put("orders.findByUser", () -> orders.findByUser(OrderFixtures.ALICE, PageRequest.first(10)));
        calls.put("orders.dueBefore", () -> orders.dueBefore(Instant.now()).count());
        calls.put("profiles.find", () -> profiles.find(profile.userId()));
        calls.put("profiles.insert", () -> profiles.insert(profile));
        calls.put("profiles.update", () -> profiles.update(profile));
        calls.put("idempotency.claim", () -> idempotency.claim(new IdempotencyRecord(OrderFixtures.ALICE,
                IdempotencyKey.of("key-1"), "hash", OrderFixtures.newId(), Instant.now().plusSeconds(60))));

        calls.forEach((name, call) -> {
            Throwable thrown = catchThrowable(call::execute);
            assertThat(thrown).as(name).isExactlyInstanceOf(DependencyUnavailable.class)
                    .hasMessageContaining("DynamoDB")
                    .hasMessageContaining("attempt");
        });
    }
}
