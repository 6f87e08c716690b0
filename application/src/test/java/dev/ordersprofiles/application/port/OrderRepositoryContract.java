package dev.ordersprofiles.application.port;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static dev.ordersprofiles.application.testing.OrderFixtures.BOB;
import static dev.ordersprofiles.application.testing.OrderFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.application.order.ConcurrentOrderUpdate;
import dev.ordersprofiles.application.order.DuplicateOrder;
import dev.ordersprofiles.application.shared.InvalidPageToken;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OrderRepository} does. Subclasses provide a fresh, empty repository configured with
 * {@link #STUCK_AFTER} as its stuck-after time.
 */
public abstract class OrderRepositoryContract {
    /** The stuck-after time the repository under test must be configured with. */
    public static final Duration STUCK_AFTER = Duration.ofMinutes(30);

    protected OrderRepository orders;

    protected abstract OrderRepository newRepository();

    @BeforeEach
    void setUpRepository() {
        orders = newRepository();
    }

    @Test
    void an_unknown_order_is_empty() {
        assertThat(orders.find(OrderFixtures.newId())).isEmpty();
    }

    @Test
    void an_added_order_reads_back_equal() {
        Order order = OrderFixtures.pending();
        orders.add(order);

        assertThat(orders.find(order.id())).contains(order);
    }

    @Test
    void every_status_and_its_history_round_trip() {
        Instant t = T0.plusSeconds(1);
        List<Order> samples = List.of(
                OrderFixtures.pending().validate(t),
                OrderFixtures.pending().validate(t).reserve(t).charge(t).confirm(t.plusMillis(7)),
                OrderFixtures.pending().expire(T0.plus(OrderFixtures.PENDING_FOR)),
                OrderFixtures.pending().validate(t).reserve(t).refund(t),
                OrderFixtures.pending().validate(t).reserve(t).refund(t).release(t)
                        .fail("dev.x.PaymentDeclined \"quoted\" ünïcode", t),
                OrderFixtures.pending().validate(t).failNeedingAttention("ReleaseInventory: Timeout", t));
        for (Order sample : samples) {
            Order placed = asPlaced(sample);
            orders.add(placed);
            orders.update(placed, sample);
            assertThat(orders.find(sample.id())).contains(sample);
        }
    }

    @Test
    void adding_an_existing_id_is_refused_and_keeps_the_first() {
        Order order = OrderFixtures.pending();
        orders.add(order);

        assertThatThrownBy(() -> orders.add(order.validate(T0.plusSeconds(1)))).isInstanceOf(DuplicateOrder.class);
        assertThat(orders.find(order.id())).contains(order);
    }

    @Test
    void an_update_from_the_stored_state_is_stored() {
        Order order = OrderFixtures.pending();
        orders.add(order);
        Order validated = order.validate(T0.plusSeconds(1));

        orders.update(order, validated);

        assertThat(orders.find(order.id())).contains(validated);
    }

    @Test
    void an_update_from_a_stale_read_is_refused_and_changes_nothing() {
        Order order = OrderFixtures.pending();
        orders.add(order);
        Order validated = order.validate(T0.plusSeconds(1));
        orders.update(order, validated);

        assertThatThrownBy(() -> orders.update(order, order.fail("late", T0.plusSeconds(2))))
                .isInstanceOf(ConcurrentOrderUpdate.class);
        assertThat(orders.find(order.id())).contains(validated);
    }

    @Test
    void an_update_of_a_missing_order_is_refused() {
        Order order = OrderFixtures.pending();

        assertThatThrownBy(() -> orders.update(order, order.validate(T0))).isInstanceOf(ConcurrentOrderUpdate.class);
        assertThat(orders.find(order.id())).isEmpty();
    }

    @Test
    void of_fifty_racing_identical_transitions_exactly_one_wins() throws Exception {
        Order order = OrderFixtures.pending();
        orders.add(order);
        int racers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Order next = order.fail("racer " + i, T0.plusSeconds(1));
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        orders.update(order, next);
                        return true;
                    } catch (ConcurrentOrderUpdate lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Order stored = orders.find(order.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void a_users_orders_list_newest_first_page_by_page_and_only_theirs() {
        List<Order> alices = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Order order = OrderFixtures.pending(ALICE, T0.plusSeconds(i));
            orders.add(order);
            alices.add(0, order);
        }
        orders.add(OrderFixtures.pending(BOB, T0.plusSeconds(3)));

        List<Order> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            Page<Order> page = orders.findByUser(ALICE, new PageRequest(3, token));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.items());
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent() && pages < 10);

        assertThat(seen).containsExactlyElementsOf(alices);
        assertThat(pages).isBetween(3, 4);
        assertThat(orders.findByUser(OrderFixtures.newUser(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void another_users_page_token_is_refused() {
        for (int i = 0; i < 3; i++) {
            orders.add(OrderFixtures.pending(BOB, T0.plusSeconds(i)));
            orders.add(OrderFixtures.pending(ALICE, T0.plusSeconds(i)));
        }
        String bobs = orders.findByUser(BOB, PageRequest.first(1)).nextPageToken().orElseThrow();

        assertThatThrownBy(() -> orders.findByUser(ALICE, new PageRequest(5, Optional.of(bobs))))
                .isInstanceOf(InvalidPageToken.class);
    }

    @Test
    void a_garbled_page_token_is_refused() {
        orders.add(OrderFixtures.pending());

        assertThatThrownBy(() -> orders.findByUser(ALICE, new PageRequest(5, Optional.of("not-a-token"))))
                .isInstanceOf(InvalidPageToken.class);
    }

    @Test
    void pending_orders_past_a_cutoff_are_found_and_nothing_else() {
        Order stale1 = OrderFixtures.pending(ALICE, T0);
        Order stale2 = OrderFixtures.pending(BOB, T0.plusSeconds(10));
        Order fresh = OrderFixtures.pending(ALICE, T0.plusSeconds(3600));
        Order movedOn = OrderFixtures.pending(ALICE, T0);
        for (Order o : List.of(stale1, stale2, fresh, movedOn)) {
            orders.add(o);
        }
        orders.update(movedOn, movedOn.validate(T0.plusSeconds(1)));
        Instant cutoff = T0.plus(OrderFixtures.PENDING_FOR).plusSeconds(60);

        assertThat(ids(orders.dueBefore(cutoff))).containsExactlyInAnyOrder(stale1.id(), stale2.id());

        orders.update(stale1, stale1.expire(cutoff));
        assertThat(ids(orders.dueBefore(cutoff))).containsExactly(stale2.id());
        assertThat(ids(orders.dueBefore(T0))).isEmpty();
    }

    @Test
    void orders_in_flight_are_due_once_stuck_and_terminal_orders_never() {
        Instant t = T0.plusSeconds(5);
        Order validated = OrderFixtures.pending(ALICE, T0).validate(t);
        Order compensating = OrderFixtures.pending(BOB, T0).validate(t).reserve(t).charge(t).refund(t);
        Order confirmed = OrderFixtures.pending(ALICE, T0).validate(t).reserve(t).charge(t).confirm(t);
        Order failed = OrderFixtures.pending(BOB, T0).fail("OrderValidationFailed", t);
        for (Order o : List.of(validated, compensating, confirmed, failed)) {
            Order placed = asPlaced(o);
            orders.add(placed);
            orders.update(placed, o);
        }
        Instant stuck = t.plus(STUCK_AFTER);

        assertThat(ids(orders.dueBefore(stuck))).isEmpty();
        assertThat(ids(orders.dueBefore(stuck.plusMillis(1))))
                .containsExactlyInAnyOrder(validated.id(), compensating.id());
        assertThat(ids(orders.dueBefore(stuck.plus(Duration.ofDays(400)))))
                .containsExactlyInAnyOrder(validated.id(), compensating.id());
    }

    @Test
    void an_order_that_moves_on_is_due_again_only_stuck_after_its_new_move() {
        Order pending = OrderFixtures.pending(ALICE, T0);
        orders.add(pending);
        Instant later = T0.plus(Duration.ofMinutes(10));
        Order validated = pending.validate(later);
        orders.update(pending, validated);

        assertThat(ids(orders.dueBefore(later.plus(STUCK_AFTER)))).isEmpty();
        assertThat(ids(orders.dueBefore(later.plus(STUCK_AFTER).plusSeconds(1)))).containsExactly(validated.id());
    }

    @Test
    void a_stale_order_from_the_pending_query_can_be_expired_as_read() {
        Order stale = OrderFixtures.pending();
        orders.add(stale);
        Instant cutoff = T0.plus(OrderFixtures.PENDING_FOR).plusSeconds(1);

        Order read;
        try (Stream<Order> found = orders.dueBefore(cutoff)) {
            read = found.findFirst().orElseThrow();
        }
        orders.update(read, read.expire(cutoff));

        assertThat(orders.find(stale.id()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
    }

    private static List<OrderId> ids(Stream<Order> found) {
        try (found) {
            return found.map(Order::id).collect(Collectors.toList());
        }
    }

    /** {@code sample} as it was when placed: PENDING, version 1. */
    private static Order asPlaced(Order sample) {
        return new Order(sample.id(), sample.userId(), sample.amount(), sample.items(), OrderStatus.PENDING,
                List.of(sample.history().get(0)), sample.createdAt(), sample.createdAt(), sample.deadline(), 1);
    }
}
