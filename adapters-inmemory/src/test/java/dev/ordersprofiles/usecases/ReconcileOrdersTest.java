package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.order.ReconcileReport;
import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.shared.Money;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileOrdersTest {
    private final App app = new App("", true);

    @Test
    void only_pending_orders_past_their_deadline_expire_and_only_once() {
        OrderId stale1 = place();
        OrderId stale2 = place();
        OrderId validated = place();
        app.validate.validate(validated);
        app.clock.advance(Duration.ofMinutes(10));
        OrderId fresh = place();
        app.clock.advance(OrderFixtures.PENDING_FOR.minus(Duration.ofMinutes(5)));

        ReconcileReport first = app.reconciler.reconcile();
        ReconcileReport second = app.reconciler.reconcile();

        assertThat(first).isEqualTo(new ReconcileReport(2, 0, 0, 0, 0));
        assertThat(second).isEqualTo(new ReconcileReport(0, 0, 0, 0, 0));
        assertThat(status(stale1)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(status(stale2)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(status(validated)).isEqualTo(OrderStatus.VALIDATED);
        assertThat(status(fresh)).isEqualTo(OrderStatus.PENDING);
        assertThat(app.events.events()).filteredOn(e -> e instanceof BusinessEvent.OrderExpired)
                .containsExactlyInAnyOrder(new BusinessEvent.OrderExpired(stale1), new BusinessEvent.OrderExpired(stale2));
    }

    @Test
    void orders_stuck_in_flight_are_compensated_and_failed_once_stuck_after_has_passed() {
        OrderId validated = place();
        app.validate.validate(validated);
        OrderId reserved = place();
        app.validate.validate(reserved);
        app.reserve.reserve(reserved);
        OrderId charged = place();
        app.validate.validate(charged);
        app.reserve.reserve(charged);
        app.charge.charge(charged);
        app.clock.advance(App.STUCK_AFTER.minusSeconds(1));

        assertThat(app.reconciler.reconcile()).isEqualTo(new ReconcileReport(0, 0, 0, 0, 0));
        app.clock.advance(Duration.ofSeconds(2));
        ReconcileReport report = app.reconciler.reconcile();

        assertThat(report).isEqualTo(new ReconcileReport(0, 3, 0, 0, 0));
        for (OrderId id : List.of(validated, reserved, charged)) {
            Order order = app.orders.find(id).orElseThrow();
            assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
            assertThat(order.failureReason().orElseThrow()).startsWith("Stuck: no progress in ");
            assertThat(order.mayHold()).isEmpty();
            assertThat(app.inventory.holdsReservation(id)).isFalse();
            assertThat(app.payments.isCharged(id) && !app.payments.isRefunded(id)).isFalse();
        }
        assertThat(app.payments.isRefunded(charged)).isTrue();
        assertThat(app.reconciler.reconcile()).isEqualTo(new ReconcileReport(0, 0, 0, 0, 0));
    }

    @Test
    void a_replay_of_a_stuck_order_settles_it_like_the_reconciler() {
        PlaceOrderCommand command = new PlaceOrderCommand(ALICE, Money.of("3.00"), List.of(LineItem.of("A-1", 1)),
                Optional.of(new IdempotencyKey("k-1")));
        OrderId id = app.placeOrder.place(command).id();
        app.validate.validate(id);
        app.reserve.reserve(id);
        app.clock.advance(App.STUCK_AFTER.plusSeconds(1));

        Order replayed = app.placeOrder.place(command);

        assertThat(replayed.id()).isEqualTo(id);
        assertThat(replayed.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(app.inventory.holdsReservation(id)).isFalse();
    }

    @Test
    void a_replay_of_a_pending_order_past_its_deadline_expires_it() {
        PlaceOrderCommand command = new PlaceOrderCommand(ALICE, Money.of("3.00"), List.of(LineItem.of("A-1", 1)),
                Optional.of(new IdempotencyKey("k-2")));
        OrderId id = app.placeOrder.place(command).id();
        app.clock.advance(OrderFixtures.PENDING_FOR.plusSeconds(1));

        assertThat(app.placeOrder.place(command).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(status(id)).isEqualTo(OrderStatus.EXPIRED);
    }

    private OrderStatus status(OrderId id) {
        return app.orders.find(id).orElseThrow().status();
    }

    private OrderId place() {
        return app.placeOrder.place(new PlaceOrderCommand(ALICE, Money.of("3.00"), List.of(LineItem.of("A-1", 1)),
                Optional.empty())).id();
    }
}
