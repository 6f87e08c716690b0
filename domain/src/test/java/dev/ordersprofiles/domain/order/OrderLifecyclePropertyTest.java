package dev.ordersprofiles.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ordersprofiles.domain.shared.DomainException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomised property test: seeded random sequences of commands applied to an order. Whatever the
 * sequence, every state reached is legal, rejected commands change nothing, and terminal states stay terminal.
 * A failing seed is printed in the test name, so a failure replays exactly.
 */
class OrderLifecyclePropertyTest {
    private static final int SEQUENCES_PER_SEED = 500;
    private static final int MAX_STEPS = 12;

    static LongStream seeds() {
        return LongStream.of(1L, 7L, 42L, 20261127L, 0xC0FFEEL);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void no_command_sequence_reaches_an_illegal_state(long seed) {
        Random random = new Random(seed);
        OrderStatus[] commands = OrderStatus.values();
        for (int sequence = 0; sequence < SEQUENCES_PER_SEED; sequence++) {
            Order order = Orders.pending();
            Instant clock = Orders.T0;
            int steps = 1 + random.nextInt(MAX_STEPS);
            for (int step = 0; step < steps; step++) {
                clock = clock.plusSeconds(random.nextInt(600));
                OrderStatus command = commands[random.nextInt(commands.length)];
                Order before = order;
                try {
                    order = Orders.move(order, command, clock);
                } catch (DomainException rejected) {
                    assertThat(order).isSameAs(before);
                    if (before.status().canMoveTo(command) && !(command == OrderStatus.EXPIRED)) {
                        fail("seed %d: legal move %s -> %s was rejected: %s", seed, before.status(), command,
                                rejected.getMessage());
                    }
                    continue;
                }
                assertThat(before.status().isTerminal())
                        .as("seed %d: terminal %s moved to %s", seed, before.status(), command).isFalse();
                assertLegal(order, seed);
            }
        }
    }

    private static void assertLegal(Order order, long seed) {
        assertThat(order.history().get(0).status()).isEqualTo(OrderStatus.PENDING);
        for (int i = 1; i < order.history().size(); i++) {
            StatusChange previous = order.history().get(i - 1);
            StatusChange current = order.history().get(i);
            assertThat(previous.status().canMoveTo(current.status()))
                    .as("seed %d: history has %s -> %s", seed, previous.status(), current.status()).isTrue();
            assertThat(current.at()).isAfterOrEqualTo(previous.at());
        }
        assertThat(order.status()).isEqualTo(order.history().get(order.history().size() - 1).status());
        assertThat(order.version()).isEqualTo(order.history().size());
        long terminals = order.history().stream().filter(c -> c.status().isTerminal()).count();
        assertThat(terminals).isLessThanOrEqualTo(1);
        if (terminals == 1) {
            assertThat(order.status()).isIn(EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.EXPIRED, OrderStatus.FAILED));
        }
        if (order.status() == OrderStatus.EXPIRED) {
            assertThat(order.history()).hasSize(2);
            assertThat(order.updatedAt()).isAfterOrEqualTo(order.deadline());
        }
    }
}
