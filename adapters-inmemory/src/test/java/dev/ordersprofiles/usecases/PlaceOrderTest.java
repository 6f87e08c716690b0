package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static dev.ordersprofiles.application.testing.OrderFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.order.GetOrderQuery;
import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.IdempotencyKeyReused;
import dev.ordersprofiles.application.order.IdempotencyRecord;
import dev.ordersprofiles.application.order.OrderNotFound;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.order.StatusChange;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaceOrderTest {
    private final App app = new App();

    @Test
    void the_seed_example_order_goes_through_to_confirmed() {
        Order placed = app.placeOrder.place(seedOrder(ALICE, null));

        assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
        Order stored = app.getOrder.get(new GetOrderQuery(ALICE, placed.id()));
        assertThat(stored.history()).extracting(StatusChange::status).containsExactly(OrderStatus.PENDING,
                OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.CHARGED, OrderStatus.CONFIRMED);
        assertThat(app.payments.isCharged(placed.id())).isTrue();
        assertThat(app.inventory.holdsReservation(placed.id())).isTrue();
        assertThat(app.events.events()).containsExactly(new BusinessEvent.OrderPlaced(placed.id(), ALICE),
                new BusinessEvent.OrderConfirmed(placed.id()));
    }

    @Test
    void the_order_is_stored_pending_before_its_workflow_runs() {
        App deferred = new App("", true);

        Order placed = deferred.placeOrder.place(seedOrder(ALICE, null));

        assertThat(deferred.orders.find(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(deferred.pendingRuns).hasSize(1);
        deferred.runPendingWorkflows();
        assertThat(deferred.orders.find(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void without_a_key_every_request_is_a_new_order() {
        Order first = app.placeOrder.place(seedOrder(ALICE, null));
        Order second = app.placeOrder.place(seedOrder(ALICE, null));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(app.payments.chargeCount()).isEqualTo(2);
    }

    @Test
    void the_same_key_and_body_return_the_same_order_and_start_nothing_new() {
        Order first = app.placeOrder.place(seedOrder(ALICE, "key-1"));
        Order replay = app.placeOrder.place(seedOrder(ALICE, "key-1"));

        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(replay.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(app.orders.size()).isEqualTo(1);
        assertThat(app.payments.chargeCount()).isEqualTo(1);
        assertThat(app.events.events()).filteredOn(e -> e instanceof BusinessEvent.OrderPlaced).hasSize(1);
    }

    @Test
    void the_same_key_with_another_body_is_refused_and_changes_nothing() {
        app.placeOrder.place(seedOrder(ALICE, "key-1"));
        PlaceOrderCommand different = new PlaceOrderCommand(ALICE, Money.of("42.51"),
                List.of(LineItem.of("A-1", 2)), Optional.of(IdempotencyKey.of("key-1")));

        assertThatThrownBy(() -> app.placeOrder.place(different)).isInstanceOf(IdempotencyKeyReused.class);
        assertThat(app.orders.size()).isEqualTo(1);
    }

    @Test
    void keys_belong_to_their_user() {
        Order alices = app.placeOrder.place(seedOrder(ALICE, "shared"));
        Order bobs = app.placeOrder.place(seedOrder(BOB, "shared"));

        assertThat(bobs.id()).isNotEqualTo(alices.id());
        assertThat(bobs.userId()).isEqualTo(BOB);
    }

    @Test
    void a_replay_finishes_a_request_that_died_after_claiming_its_key() {
        PlaceOrderCommand command = seedOrder(ALICE, "key-9");
        OrderId claimed = OrderFixtures.newId();
        app.idempotency.claim(new IdempotencyRecord(ALICE, IdempotencyKey.of("key-9"), command.requestHash(),
                claimed, OrderFixtures.T0.plus(Duration.ofHours(24))));

        Order replay = app.placeOrder.place(command);

        assertThat(replay.id()).isEqualTo(claimed);
        assertThat(app.orders.find(claimed).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void an_expired_key_makes_a_new_order() {
        Order first = app.placeOrder.place(seedOrder(ALICE, "key-1"));
        app.clock.advance(Duration.ofHours(25));

        Order later = app.placeOrder.place(seedOrder(ALICE, "key-1"));

        assertThat(later.id()).isNotEqualTo(first.id());
    }

    @Test
    void another_users_order_is_not_found_like_a_missing_one() {
        Order alices = app.placeOrder.place(seedOrder(ALICE, null));

        assertThatThrownBy(() -> app.getOrder.get(new GetOrderQuery(BOB, alices.id())))
                .isInstanceOf(OrderNotFound.class).hasMessage("order " + alices.id() + " not found");
        OrderId missing = OrderFixtures.newId();
        assertThatThrownBy(() -> app.getOrder.get(new GetOrderQuery(ALICE, missing)))
                .isInstanceOf(OrderNotFound.class);
    }

    static PlaceOrderCommand seedOrder(UserId user, String key) {
        return new PlaceOrderCommand(user, Money.of("42.50"), List.of(LineItem.of("A-1", 2)),
                Optional.ofNullable(key).map(IdempotencyKey::of));
    }
}
