package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.order.MarkOrderFailedCommand;
import dev.ordersprofiles.application.order.OrderNotFound;
import dev.ordersprofiles.application.order.OrderValidationFailed;
import dev.ordersprofiles.application.order.OutOfStock;
import dev.ordersprofiles.application.order.PaymentDeclined;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.IllegalStatusChange;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.order.Sku;
import dev.ordersprofiles.domain.shared.Money;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The steps driven one by one, as the state machine drives them, workflows deferred. */
class WorkflowStepsTest {
    private final App app = new App("A-1=5", true);

    @Test
    void every_step_run_twice_has_the_effect_of_running_once() {
        OrderId id = place("42.50", LineItem.of("A-1", 2));

        assertThat(app.validate.validate(id).status()).isEqualTo(OrderStatus.VALIDATED);
        assertThat(app.validate.validate(id).status()).isEqualTo(OrderStatus.VALIDATED);
        assertThat(app.reserve.reserve(id).status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(app.reserve.reserve(id).status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(app.inventory.available(Sku.of("A-1"))).isEqualTo(3);
        assertThat(app.charge.charge(id).status()).isEqualTo(OrderStatus.CHARGED);
        assertThat(app.charge.charge(id).status()).isEqualTo(OrderStatus.CHARGED);
        assertThat(app.payments.chargeCount()).isEqualTo(1);
        assertThat(app.confirm.confirm(id).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(app.confirm.confirm(id).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(app.events.events()).filteredOn(e -> e instanceof BusinessEvent.OrderConfirmed).hasSize(1);
        assertThat(app.orders.find(id).orElseThrow().history()).hasSize(5);
    }

    @Test
    void a_late_step_of_an_earlier_stage_returns_the_order_as_it_is() {
        OrderId id = place("42.50", LineItem.of("A-1", 1));
        app.runPendingWorkflows();

        assertThat(app.validate.validate(id).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(app.reserve.reserve(id).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(app.charge.charge(id).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(app.payments.chargeCount()).isEqualTo(1);
    }

    @Test
    void a_discontinued_sku_fails_validation() {
        OrderId id = place("10.00", LineItem.of("DISCONTINUED-9", 1));

        assertThatThrownBy(() -> app.validate.validate(id)).isInstanceOf(OrderValidationFailed.class)
                .hasMessageContaining("DISCONTINUED-9");
        app.runPendingWorkflows();
        assertThat(app.orders.find(id).orElseThrow().failureReason()).contains("OrderValidationFailed");
    }

    @Test
    void an_order_past_its_deadline_fails_validation() {
        OrderId id = place("10.00", LineItem.of("A-1", 1));
        app.clock.advance(OrderFixtures.PENDING_FOR);

        assertThatThrownBy(() -> app.validate.validate(id)).isInstanceOf(OrderValidationFailed.class)
                .hasMessageContaining("deadline");
    }

    @Test
    void an_expired_order_fails_validation_and_stays_expired() {
        OrderId id = place("10.00", LineItem.of("A-1", 1));
        app.clock.advance(OrderFixtures.PENDING_FOR.plusSeconds(1));
        app.reconciler.reconcile();

        assertThatThrownBy(() -> app.validate.validate(id)).isInstanceOf(OrderValidationFailed.class);
        app.runPendingWorkflows();
        assertThat(app.orders.find(id).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void out_of_stock_fails_the_order_and_reserves_nothing() {
        OrderId id = place("10.00", LineItem.of("A-1", 3), LineItem.of("A-1", 3));

        app.validate.validate(id);
        assertThatThrownBy(() -> app.reserve.reserve(id)).isInstanceOf(OutOfStock.class);
        assertThat(app.inventory.available(Sku.of("A-1"))).isEqualTo(5);
        assertThat(app.inventory.holdsReservation(id)).isFalse();

        OrderId soldOut = place("10.00", LineItem.of("SOLDOUT-1", 1));
        app.runPendingWorkflows();
        Order failed = app.orders.find(soldOut).orElseThrow();
        assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(failed.failureReason()).contains("OutOfStock");
        assertThat(app.payments.isCharged(soldOut)).isFalse();
    }

    @Test
    void a_declined_payment_releases_the_stock_and_fails_the_order() {
        OrderId id = place("5000.01", LineItem.of("A-1", 2));

        app.runPendingWorkflows();

        Order failed = app.orders.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(failed.failureReason()).contains("PaymentDeclined");
        assertThat(failed.history()).extracting(c -> c.status()).containsExactly(OrderStatus.PENDING,
                OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.COMPENSATING, OrderStatus.COMPENSATING,
                OrderStatus.COMPENSATING,
                OrderStatus.FAILED);
        assertThat(failed.isRefunded()).isTrue();
        assertThat(failed.isReleased()).isTrue();
        assertThat(app.inventory.available(Sku.of("A-1"))).isEqualTo(5);
        assertThat(app.payments.chargeCount()).isZero();
        assertThat(app.events.events()).contains(new BusinessEvent.OrderFailed(id, "PaymentDeclined"));
    }

    @Test
    void the_decline_limit_itself_is_still_accepted() {
        OrderId id = place("5000.00", LineItem.of("A-1", 1));

        app.runPendingWorkflows();

        assertThat(app.orders.find(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThatThrownBy(() -> app.charge.charge(place("5000.01", LineItem.of("B-1", 1))))
                .isInstanceOf(IllegalStatusChange.class);
    }

    @Test
    void payment_declined_is_raised_by_the_charge_step() {
        OrderId id = place("9999.99", LineItem.of("A-1", 1));
        app.validate.validate(id);
        app.reserve.reserve(id);

        assertThatThrownBy(() -> app.charge.charge(id)).isInstanceOf(PaymentDeclined.class);
        assertThat(app.orders.find(id).orElseThrow().status()).isEqualTo(OrderStatus.RESERVED);
    }

    @Test
    void compensations_are_idempotent_and_refused_for_confirmed_orders() {
        OrderId id = place("42.00", LineItem.of("A-1", 1));
        app.validate.validate(id);
        app.reserve.reserve(id);
        app.charge.charge(id);

        app.refund.refund(id);
        app.refund.refund(id);
        app.release.release(id);
        app.release.release(id);
        app.markFailed.markFailed(new MarkOrderFailedCommand(id, "ConfirmFailed"));
        Order again = app.markFailed.markFailed(new MarkOrderFailedCommand(id, "Other"));

        assertThat(app.payments.isRefunded(id)).isTrue();
        assertThat(app.inventory.available(Sku.of("A-1"))).isEqualTo(5);
        assertThat(again.failureReason()).contains("ConfirmFailed");
        assertThat(app.events.events()).filteredOn(e -> e instanceof BusinessEvent.OrderFailed).hasSize(1);

        OrderId confirmed = place("1.00", LineItem.of("A-1", 1));
        app.runPendingWorkflows();
        assertThatThrownBy(() -> app.release.release(confirmed)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> app.refund.refund(confirmed)).isInstanceOf(IllegalStatusChange.class);
        assertThat(app.markFailed.markFailed(new MarkOrderFailedCommand(confirmed, "late")).status())
                .isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void a_step_for_an_unknown_order_is_not_found() {
        assertThatThrownBy(() -> app.validate.validate(OrderFixtures.newId())).isInstanceOf(OrderNotFound.class);
    }

    private OrderId place(String amount, LineItem... items) {
        return app.placeOrder.place(new PlaceOrderCommand(ALICE, Money.of(amount), List.of(items), Optional.empty()))
                .id();
    }
}
