package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static dev.ordersprofiles.application.testing.OrderFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ordersprofiles.application.order.ExpectedOrder;
import dev.ordersprofiles.application.order.MarkOrderFailedCommand;
import dev.ordersprofiles.application.order.OrderPayloadMismatch;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.order.Sku;
import dev.ordersprofiles.domain.shared.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A step whose payload names the order's user, amount or items checks them against the stored order before it acts,
 * and refuses a difference with OrderPayloadMismatch: the stored order, the inventory and the payments stay as they
 * were. The state machine sends the order id only; this guards the steps when they are invoked by hand.
 */
class StepPayloadTest {
    private static final List<LineItem> ITEMS = List.of(LineItem.of("A-1", 2), LineItem.of("B-7", 1));
    private static final ExpectedOrder WRONG_AMOUNT =
            new ExpectedOrder(Optional.empty(), Optional.of(Money.of("1.00")), Optional.empty());
    private static final ExpectedOrder WRONG_USER =
            new ExpectedOrder(Optional.of(BOB), Optional.empty(), Optional.empty());
    private static final ExpectedOrder WRONG_ITEMS =
            new ExpectedOrder(Optional.empty(), Optional.empty(), Optional.of(List.of(LineItem.of("A-1", 20))));

    private final App app = new App("A-1=5,B-7=5", true);

    private OrderId place() {
        return app.placeOrder.place(new PlaceOrderCommand(ALICE, Money.of("42.50"), ITEMS, Optional.empty())).id();
    }

    /** Every step that acts, by name. */
    private Map<String, BiFunction<OrderId, ExpectedOrder, Order>> steps() {
        return Map.of(
                "validate", app.validate::validate,
                "reserve", app.reserve::reserve,
                "charge", app.charge::charge,
                "confirm", app.confirm::confirm,
                "refund", app.refund::refund,
                "release", app.release::release,
                "markFailed", (id, expected) -> app.markFailed.markFailed(
                        new MarkOrderFailedCommand(id, "by hand", expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "reserve", "charge", "confirm", "refund", "release", "markFailed"})
    void every_step_refuses_a_payload_with_another_amount_user_or_items_and_changes_nothing(String name) {
        OrderId id = place();
        walkTo(id, name);
        Order before = app.orders.find(id).orElseThrow();
        int available = app.inventory.available(Sku.of("A-1"));
        int charges = app.payments.chargeCount();

        for (ExpectedOrder wrong : List.of(WRONG_AMOUNT, WRONG_USER, WRONG_ITEMS)) {
            OrderPayloadMismatch refused = catchThrowableOfType(OrderPayloadMismatch.class,
                    () -> steps().get(name).apply(id, wrong));

            assertThat(refused).as(name + " with " + wrong).isNotNull();
            assertThat(refused.orderId()).isEqualTo(id);
        }
        assertThat(app.orders.find(id)).contains(before);
        assertThat(app.inventory.available(Sku.of("A-1"))).isEqualTo(available);
        assertThat(app.payments.chargeCount()).isEqualTo(charges);
        assertThat(app.payments.isRefunded(id)).isFalse();
    }

    @Test
    void the_mismatch_names_the_field_that_differs() {
        OrderId id = place();

        assertThat(catchThrowableOfType(OrderPayloadMismatch.class, () -> app.validate.validate(id, WRONG_AMOUNT))
                .field()).isEqualTo("amount");
        assertThat(catchThrowableOfType(OrderPayloadMismatch.class, () -> app.validate.validate(id, WRONG_USER))
                .field()).isEqualTo("userId");
        OrderPayloadMismatch items = catchThrowableOfType(OrderPayloadMismatch.class,
                () -> app.validate.validate(id, WRONG_ITEMS));
        assertThat(items.field()).isEqualTo("items");
        assertThat(items).hasMessageContaining(id.value());
    }

    @Test
    void a_payload_that_matches_is_served_whatever_the_order_of_its_items() {
        OrderId id = place();
        ExpectedOrder same = new ExpectedOrder(Optional.of(ALICE), Optional.of(Money.of("42.5")),
                Optional.of(List.of(LineItem.of("B-7", 1), LineItem.of("A-1", 2))));

        assertThat(app.validate.validate(id, same).status()).isEqualTo(OrderStatus.VALIDATED);
        assertThat(app.reserve.reserve(id, same).status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(app.charge.charge(id, same).status()).isEqualTo(OrderStatus.CHARGED);
        assertThat(app.confirm.confirm(id, same).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void a_repeated_step_is_refused_too_when_its_payload_differs() {
        OrderId id = place();
        app.validate.validate(id);

        assertThat(catchThrowableOfType(OrderPayloadMismatch.class, () -> app.validate.validate(id, WRONG_AMOUNT)))
                .isNotNull();
    }

    @Test
    void an_item_missing_from_the_payload_is_a_mismatch() {
        OrderId id = place();
        ExpectedOrder fewer = new ExpectedOrder(Optional.empty(), Optional.empty(),
                Optional.of(List.of(LineItem.of("A-1", 2))));

        assertThat(catchThrowableOfType(OrderPayloadMismatch.class, () -> app.reserve.reserve(id, fewer)).field())
                .isEqualTo("items");
    }

    /** Brings the order to where the step would act on it. */
    private void walkTo(OrderId id, String step) {
        switch (step) {
            case "reserve" -> app.validate.validate(id);
            case "charge", "release" -> {
                app.validate.validate(id);
                app.reserve.reserve(id);
            }
            case "confirm", "refund" -> {
                app.validate.validate(id);
                app.reserve.reserve(id);
                app.charge.charge(id);
            }
            default -> { }
        }
    }
}
