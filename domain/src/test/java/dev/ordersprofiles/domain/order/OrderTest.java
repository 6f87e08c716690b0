package dev.ordersprofiles.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {
    @Test
    void a_placed_order_is_pending_with_one_history_entry_and_its_deadline() {
        Order order = Orders.pending();

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.history()).containsExactly(StatusChange.to(OrderStatus.PENDING, Orders.T0));
        assertThat(order.deadline()).isEqualTo(Orders.T0.plus(Orders.PENDING_FOR));
        assertThat(order.version()).isEqualTo(1);
    }

    @Test
    void the_happy_path_records_every_step_in_order() {
        Instant t = Orders.T0.plusSeconds(5);
        Order confirmed = Orders.pending().validate(t).reserve(t.plusSeconds(1)).charge(t.plusSeconds(2))
                .confirm(t.plusSeconds(3));

        assertThat(confirmed.history()).extracting(StatusChange::status).containsExactly(
                OrderStatus.PENDING, OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.CHARGED,
                OrderStatus.CONFIRMED);
        assertThat(confirmed.updatedAt()).isEqualTo(t.plusSeconds(3));
        assertThat(confirmed.version()).isEqualTo(5);
    }

    @Test
    void a_failed_order_keeps_its_reason() {
        Order failed = Orders.in(OrderStatus.RESERVED).release(Orders.T0.plusSeconds(9))
                .refund(Orders.T0.plusSeconds(9)).fail("PaymentDeclined", Orders.T0.plusSeconds(9));

        assertThat(failed.failureReason()).contains("PaymentDeclined");
        assertThat(Orders.in(OrderStatus.RESERVED).failureReason()).isEmpty();
    }

    @Test
    void failing_without_a_reason_is_rejected() {
        assertThatThrownBy(() -> Orders.pending().fail(" ", Orders.T0)).isInstanceOf(InvalidOrder.class);
    }

    @Test
    void a_pending_order_cannot_expire_before_its_deadline() {
        Order order = Orders.pending();

        assertThatThrownBy(() -> order.expire(order.deadline().minusMillis(1)))
                .isInstanceOf(IllegalStatusChange.class);
        assertThat(order.expire(order.deadline()).status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void reserving_an_expired_order_is_rejected() {
        Order expired = Orders.in(OrderStatus.EXPIRED);

        assertThatThrownBy(() -> expired.reserve(Orders.T0)).isInstanceOf(IllegalStatusChange.class);
    }

    @Test
    void time_never_runs_backwards_in_the_history() {
        Order validated = Orders.pending().validate(Orders.T0.minusSeconds(30));

        assertThat(validated.updatedAt()).isEqualTo(Orders.T0);
    }

    @Test
    void an_order_needs_one_to_a_hundred_lines() {
        OrderId id = OrderId.of(UUID.randomUUID());
        UserId user = UserId.of("u");
        Money amount = Money.of("1");

        assertThatThrownBy(() -> Order.place(id, user, amount, List.of(), Orders.T0, Orders.PENDING_FOR))
                .isInstanceOf(InvalidOrder.class);
        List<LineItem> many = Collections.nCopies(101, LineItem.of("A-1", 1));
        assertThatThrownBy(() -> Order.place(id, user, amount, many, Orders.T0, Orders.PENDING_FOR))
                .isInstanceOf(InvalidOrder.class);
        List<LineItem> hundred = Collections.nCopies(100, LineItem.of("A-1", 1));
        assertThat(Order.place(id, user, amount, hundred, Orders.T0, Orders.PENDING_FOR).items()).hasSize(100);
    }

    @Test
    void ownership_is_by_user_id() {
        Order order = Orders.pending();

        assertThat(order.isOwnedBy(UserId.of("user-1"))).isTrue();
        assertThat(order.isOwnedBy(UserId.of("user-2"))).isFalse();
    }

    @Test
    void line_items_check_sku_shape_and_quantity_bounds() {
        assertThat(LineItem.of("A-1_b", 1000).qty()).isEqualTo(1000);
        assertThatThrownBy(() -> LineItem.of("A-1", 0)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> LineItem.of("A-1", 1001)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> LineItem.of("A 1", 1)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> LineItem.of("x".repeat(65), 1)).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> LineItem.of("", 1)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void order_ids_are_lowercase_uuids() {
        assertThat(OrderId.of("0b9c8a3e-1f2d-4c5b-9a8e-7d6c5b4a3f21").value()).hasSize(36);
        assertThatThrownBy(() -> OrderId.of("0B9C8A3E-1F2D-4C5B-9A8E-7D6C5B4A3F21")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> OrderId.of("../etc/passwd")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> OrderId.of((String) null)).isInstanceOf(InvalidValue.class);
    }
}
