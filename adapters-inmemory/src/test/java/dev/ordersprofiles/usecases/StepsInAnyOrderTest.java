package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.adapters.inmemory.InMemoryOrderRepository;
import dev.ordersprofiles.adapters.inmemory.RecordingEventLog;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.application.order.ChargePaymentService;
import dev.ordersprofiles.application.order.ConfirmOrderService;
import dev.ordersprofiles.application.order.MarkOrderFailedCommand;
import dev.ordersprofiles.application.order.MarkOrderFailedService;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttentionService;
import dev.ordersprofiles.application.order.OrderPolicy;
import dev.ordersprofiles.application.order.ReconcileOrdersService;
import dev.ordersprofiles.application.order.RefundPaymentService;
import dev.ordersprofiles.application.order.ReleaseInventoryService;
import dev.ordersprofiles.application.order.ReserveInventoryService;
import dev.ordersprofiles.application.order.ValidateOrderService;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.application.testing.MutableClock;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.order.Sku;
import dev.ordersprofiles.domain.shared.DomainException;
import dev.ordersprofiles.domain.shared.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random test: the workflow steps, compensations, the needs-attention marking and the reconciler invoked on a
 * few orders in any order and as often as chance has it, with the inventory and payments failing now and then before
 * or after they act (a crash between a side effect and the order's write). After every call the stored orders and
 * the simulated inventory and payments must agree. A failing seed is in the test name, so a failure replays exactly.
 */
class StepsInAnyOrderTest {
    private static final int RUNS_PER_SEED = 200;
    private static final int CALLS_PER_RUN = 40;
    private static final Duration STUCK_AFTER = Duration.ofMinutes(30);

    static LongStream seeds() {
        return LongStream.of(1L, 2L, 3L, 42L, 20261202L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stored_orders_inventory_and_payments_always_agree(long seed) {
        Random random = new Random(seed);
        for (int run = 0; run < RUNS_PER_SEED; run++) {
            new World(random, seed, run).play();
        }
    }

    private static final class World {
        final Random random;
        final String where;
        final MutableClock clock = new MutableClock(OrderFixtures.T0);
        final InMemoryOrderRepository orders = new InMemoryOrderRepository(STUCK_AFTER);
        final SimulatedInventory inventory = SimulatedInventory.fromConfig("A-1=3");
        final SimulatedPayments payments = SimulatedPayments.fromConfig("50.00");
        final Inventory flakyInventory;
        final Payments flakyPayments;
        final List<OrderId> ids = new ArrayList<>();
        final List<Consumer<OrderId>> steps = new ArrayList<>();
        final ReconcileOrdersService reconciler;

        World(Random random, long seed, int run) {
            this.random = random;
            this.where = "seed " + seed + " run " + run;
            this.flakyInventory = new FlakyInventory(inventory, random);
            this.flakyPayments = new FlakyPayments(payments, random);
            RecordingEventLog events = new RecordingEventLog();
            var validate = new ValidateOrderService(orders, flakyInventory, clock);
            var reserve = new ReserveInventoryService(orders, flakyInventory, clock);
            var charge = new ChargePaymentService(orders, flakyPayments, clock);
            var confirm = new ConfirmOrderService(orders, clock, events);
            var release = new ReleaseInventoryService(orders, flakyInventory, clock);
            var refund = new RefundPaymentService(orders, flakyPayments, clock);
            var markFailed = new MarkOrderFailedService(orders, clock, events);
            var needsAttention = new MarkOrderNeedsAttentionService(orders, clock, events);
            reconciler = new ReconcileOrdersService(orders, refund, release, markFailed, needsAttention, clock, events,
                    new OrderPolicy(OrderFixtures.PENDING_FOR, Duration.ofHours(24), STUCK_AFTER));
            steps.add(validate::validate);
            steps.add(reserve::reserve);
            steps.add(charge::charge);
            steps.add(confirm::confirm);
            steps.add(release::release);
            steps.add(refund::refund);
            steps.add(id -> markFailed.markFailed(new MarkOrderFailedCommand(id, "SomeError")));
            steps.add(id -> needsAttention.markNeedsAttention(new MarkOrderFailedCommand(id, "Undo failed")));
            steps.add(id -> reconciler.reconcile(orders.find(id).orElseThrow()));
            steps.add(id -> reconciler.reconcile());
        }

        void play() {
            for (int i = 0; i < 3; i++) {
                String amount = random.nextInt(4) == 0 ? "60.00" : "10.00"; // above 50.00 is declined
                Order order = Order.place(OrderFixtures.newId(), ALICE, Money.of(amount),
                        List.of(LineItem.of("A-1", 1 + random.nextInt(2))), clock.instant(), OrderFixtures.PENDING_FOR);
                orders.add(order);
                ids.add(order.id());
            }
            for (int call = 0; call < CALLS_PER_RUN; call++) {
                // weighted towards the forward steps so that many runs get far
                int step = random.nextInt(3) == 0 ? random.nextInt(steps.size()) : random.nextInt(4);
                OrderId id = ids.get(random.nextInt(ids.size()));
                try {
                    steps.get(step).accept(id);
                } catch (DomainException | DependencyUnavailable expected) {
                    // a refusal or an outage: the invariants below must hold all the same
                }
                if (random.nextInt(5) == 0) {
                    clock.advance(Duration.ofMinutes(random.nextInt(40)));
                }
                check("after step " + step + " on " + id);
            }
        }

        void check(String when) {
            int reservedUnits = 0;
            for (OrderId id : ids) {
                Order order = orders.find(id).orElseThrow();
                String at = where + ", " + when + ": order " + order.status() + " " + order.history();
                boolean reserved = inventory.holdsReservation(id);
                boolean charged = payments.isCharged(id);
                if (reserved) {
                    reservedUnits += order.items().stream().mapToInt(LineItem::qty).sum();
                    assertThat(order.mayHold()).as(at + " holds an unaccounted reservation")
                            .contains(Order.Hold.RESERVATION);
                }
                if (charged) {
                    assertThat(order.mayHold()).as(at + " holds an unaccounted charge").contains(Order.Hold.CHARGE);
                }
                if (order.status() == OrderStatus.CONFIRMED) {
                    assertThat(reserved && charged).as(at + " confirmed without a live reservation and charge")
                            .isTrue();
                }
                if (order.status() == OrderStatus.EXPIRED
                        || order.status() == OrderStatus.FAILED && !order.needsAttention()) {
                    assertThat(reserved || charged).as(at + " ended holding something").isFalse();
                }
            }
            assertThat(inventory.available(Sku.of("A-1")) + reservedUnits).as(where + " stock leaked").isEqualTo(3);
            assertThat(payments.chargeCount()).as(where + " charged more than once").isLessThanOrEqualTo(ids.size());
        }
    }

    /** Fails one call in eight, half of them after the call took effect (as if the function died before answering). */
    private static final class FlakyInventory implements Inventory {
        private final Inventory real;
        private final Random random;

        FlakyInventory(Inventory real, Random random) {
            this.real = real;
            this.random = random;
        }

        @Override
        public boolean carries(Sku sku) {
            return real.carries(sku);
        }

        @Override
        public void reserve(OrderId orderId, List<LineItem> items) {
            Flaky.call(random, () -> real.reserve(orderId, items));
        }

        @Override
        public void release(OrderId orderId) {
            Flaky.call(random, () -> real.release(orderId));
        }
    }

    private static final class FlakyPayments implements Payments {
        private final Payments real;
        private final Random random;

        FlakyPayments(Payments real, Random random) {
            this.real = real;
            this.random = random;
        }

        @Override
        public void charge(OrderId orderId, Money amount) {
            Flaky.call(random, () -> real.charge(orderId, amount));
        }

        @Override
        public void refund(OrderId orderId) {
            Flaky.call(random, () -> real.refund(orderId));
        }
    }

    private static final class Flaky {
        static void call(Random random, Runnable action) {
            int roll = random.nextInt(16);
            if (roll == 0) {
                throw new DependencyUnavailable("injected before", null);
            }
            action.run();
            if (roll == 1) {
                throw new DependencyUnavailable("injected after", null);
            }
        }
    }
}
