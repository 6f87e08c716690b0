package dev.ordersprofiles.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.domain.order.Order.Hold;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderCompensationTest {
    private static final Instant T = Orders.T0.plusSeconds(5);

    @Test
    void a_refund_moves_the_order_so_that_it_can_never_be_confirmed() {
        Order refunded = Orders.in(OrderStatus.CHARGED).refund(T);

        assertThat(refunded.status()).isEqualTo(OrderStatus.COMPENSATING);
        assertThat(refunded.isRefunded()).isTrue();
        assertThat(refunded.history().get(refunded.history().size() - 1).reason()).isEqualTo(Order.REFUNDED);
        assertThatThrownBy(() -> refunded.confirm(T)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> refunded.charge(T)).isInstanceOf(IllegalStatusChange.class);
    }

    @Test
    void a_release_moves_the_order_so_that_it_can_never_be_charged_or_confirmed() {
        Order released = Orders.in(OrderStatus.RESERVED).release(T);

        assertThat(released.status()).isEqualTo(OrderStatus.COMPENSATING);
        assertThat(released.isReleased()).isTrue();
        assertThatThrownBy(() -> released.charge(T)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> released.reserve(T)).isInstanceOf(IllegalStatusChange.class);
    }

    @Test
    void beginning_a_compensation_stops_the_order_going_forward_but_keeps_its_holds() {
        Order begun = Orders.in(OrderStatus.RESERVED).beginCompensation(T);

        assertThat(begun.status()).isEqualTo(OrderStatus.COMPENSATING);
        assertThat(begun.mayHold()).containsExactly(Hold.RESERVATION, Hold.CHARGE);
        assertThat(begun.beginCompensation(T)).isSameAs(begun);
        assertThatThrownBy(() -> begun.charge(T)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> Orders.in(OrderStatus.CONFIRMED).beginCompensation(T))
                .isInstanceOf(IllegalStatusChange.class);
    }

    @Test
    void undoing_twice_records_it_once() {
        Order refunded = Orders.in(OrderStatus.CHARGED).refund(T);

        assertThat(refunded.refund(T.plusSeconds(1))).isSameAs(refunded);
        Order both = refunded.release(T).release(T);
        assertThat(both.history()).hasSize(refunded.history().size() + 1);
    }

    @Test
    void what_an_order_may_hold_follows_how_far_it_got_and_what_was_undone() {
        assertThat(Orders.pending().mayHold()).isEmpty();
        assertThat(Orders.in(OrderStatus.VALIDATED).mayHold()).containsExactly(Hold.RESERVATION);
        assertThat(Orders.in(OrderStatus.RESERVED).mayHold()).containsExactly(Hold.RESERVATION, Hold.CHARGE);
        assertThat(Orders.in(OrderStatus.CHARGED).refund(T).mayHold()).containsExactly(Hold.RESERVATION);
        assertThat(Orders.in(OrderStatus.CHARGED).release(T).mayHold()).containsExactly(Hold.CHARGE);
        assertThat(Orders.in(OrderStatus.CHARGED).release(T).refund(T).mayHold()).isEmpty();
        assertThat(Orders.in(OrderStatus.EXPIRED).mayHold()).isEmpty();
    }

    @Test
    void failing_is_refused_while_a_reservation_or_charge_may_still_be_held() {
        assertThatThrownBy(() -> Orders.in(OrderStatus.CHARGED).fail("PaymentDeclined", T))
                .isInstanceOf(CompensationIncomplete.class)
                .hasMessageContaining("reservation, charge");
        assertThatThrownBy(() -> Orders.in(OrderStatus.CHARGED).refund(T).fail("PaymentDeclined", T))
                .isInstanceOf(CompensationIncomplete.class)
                .hasMessageContaining("reservation");
        assertThat(Orders.pending().fail("OrderValidationFailed", T).status()).isEqualTo(OrderStatus.FAILED);
        Order failed = Orders.in(OrderStatus.CHARGED).refund(T).release(T).fail("PaymentDeclined", T);
        assertThat(failed.failureReason()).contains("PaymentDeclined");
        assertThat(failed.needsAttention()).isFalse();
    }

    @Test
    void a_failure_needing_attention_names_what_may_still_be_held() {
        Order failed = Orders.in(OrderStatus.CHARGED).refund(T).failNeedingAttention("ReleaseInventory failed", T);

        assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(failed.needsAttention()).isTrue();
        assertThat(failed.failureReason())
                .contains("needs attention: ReleaseInventory failed; not undone: reservation");
        assertThat(failed.mayHold()).containsExactly(Hold.RESERVATION);
    }

    @Test
    void a_long_cause_is_cut_so_that_the_holds_are_still_named() {
        Order failed = Orders.in(OrderStatus.RESERVED).failNeedingAttention("x".repeat(2000), T);

        assertThat(failed.failureReason().orElseThrow()).hasSize(Order.MAX_REASON_LENGTH)
                .endsWith("; not undone: reservation, charge");
    }

    @Test
    void a_terminal_order_is_never_failed_again_or_compensated() {
        Order confirmed = Orders.in(OrderStatus.CONFIRMED);
        Order failed = Orders.pending().fail("x", T);

        assertThatThrownBy(() -> confirmed.refund(T)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> confirmed.release(T)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> failed.fail("again", T)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> failed.failNeedingAttention("again", T)).isInstanceOf(IllegalStatusChange.class);
        assertThatThrownBy(() -> confirmed.failNeedingAttention("late", T)).isInstanceOf(IllegalStatusChange.class);
    }

    @Test
    void an_order_is_due_at_its_deadline_while_pending_and_stuck_after_its_last_move_later() {
        Duration stuck = Duration.ofMinutes(10);
        Order pending = Orders.pending();
        Order reserved = Orders.in(OrderStatus.RESERVED);

        assertThat(pending.dueAt(stuck)).contains(pending.deadline());
        assertThat(reserved.dueAt(stuck)).contains(reserved.updatedAt().plus(stuck));
        assertThat(Orders.in(OrderStatus.CONFIRMED).dueAt(stuck)).isEmpty();
    }
}
