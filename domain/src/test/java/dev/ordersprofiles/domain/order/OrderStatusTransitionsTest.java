package dev.ordersprofiles.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderStatusTransitionsTest {
    private static final Set<String> LEGAL = Set.of(
            "PENDING>VALIDATED", "PENDING>EXPIRED", "PENDING>COMPENSATING", "PENDING>FAILED",
            "VALIDATED>RESERVED", "VALIDATED>COMPENSATING", "VALIDATED>FAILED",
            "RESERVED>CHARGED", "RESERVED>COMPENSATING", "RESERVED>FAILED",
            "CHARGED>CONFIRMED", "CHARGED>COMPENSATING", "CHARGED>FAILED",
            "COMPENSATING>COMPENSATING", "COMPENSATING>FAILED");

    static Stream<Arguments> every_pair() {
        return EnumSet.allOf(OrderStatus.class).stream()
                .flatMap(from -> EnumSet.allOf(OrderStatus.class).stream().map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("every_pair")
    void only_the_design_table_of_moves_is_allowed(OrderStatus from, OrderStatus to) {
        boolean legal = LEGAL.contains(from + ">" + to);
        assertThat(from.canMoveTo(to)).isEqualTo(legal);

        Order order = Orders.in(from);
        Instant later = Orders.T0.plus(Orders.PENDING_FOR).plusSeconds(60);
        if (legal) {
            Order moved = Orders.move(order, to, later);
            assertThat(moved.status()).isEqualTo(to);
            assertThat(moved.history()).hasSize(order.history().size() + 1);
            assertThat(moved.history().get(moved.history().size() - 1).status()).isEqualTo(to);
            assertThat(moved.version()).isEqualTo(order.version() + 1);
        } else {
            assertThatThrownBy(() -> Orders.move(order, to, later))
                    .isInstanceOf(IllegalStatusChange.class)
                    .hasMessageContaining(from.name());
        }
    }

    @ParameterizedTest
    @MethodSource("terminals")
    void terminal_statuses_allow_no_move(OrderStatus terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        assertThat(EnumSet.allOf(OrderStatus.class)).noneMatch(terminal::canMoveTo);
    }

    static Stream<OrderStatus> terminals() {
        return Stream.of(OrderStatus.CONFIRMED, OrderStatus.EXPIRED, OrderStatus.FAILED);
    }
}
