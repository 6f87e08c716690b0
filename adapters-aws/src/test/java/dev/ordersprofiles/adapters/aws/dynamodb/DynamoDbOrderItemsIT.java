package dev.ordersprofiles.adapters.aws.dynamodb;

import static dev.ordersprofiles.application.testing.OrderFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.adapters.aws.testing.DynamoDbCalls;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.application.shared.InvalidPageToken;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the DynamoDB order adapter stores and reads, beyond the port contract. */
class DynamoDbOrderItemsIT {
    private static final Duration STUCK_AFTER = Duration.ofMinutes(30);
    private static final Duration RETENTION = Duration.ofDays(30);
    private final DynamoDbCalls calls = new DynamoDbCalls();
    private DynamoDb dynamo;
    private String table;
    private DynamoDbOrderRepository orders;

    @BeforeEach
    void freshTable() {
        Dynalite dynalite = Dynalite.shared();
        dynamo = dynalite.dynamoDb(calls);
        table = dynalite.freshTables().orders();
        orders = new DynamoDbOrderRepository(dynamo, table, 8, RETENTION, STUCK_AFTER, 0);
    }

    @Test
    void the_item_keeps_ttl_only_once_terminal_and_its_in_flight_shard_only_until_then() {
        Order placed = OrderFixtures.pending();
        orders.add(placed);
        Map<String, AttributeValue> pending = raw(placed.id());
        assertThat(pending.get("amount").n()).isIn("42.5", "42.50");
        assertThat(pending).doesNotContainKey("ttlEpoch");
        assertThat(pending.get("dueEpoch").n()).isEqualTo(Long.toString(placed.deadline().getEpochSecond()));
        assertThat(pending.get("inFlightShard").s()).startsWith("INFLIGHT#");

        Order validated = placed.validate(T0.plusSeconds(1));
        orders.update(placed, validated);
        assertThat(raw(placed.id())).doesNotContainKey("ttlEpoch");
        assertThat(raw(placed.id()).get("dueEpoch").n())
                .isEqualTo(Long.toString(T0.plusSeconds(1).plus(STUCK_AFTER).getEpochSecond()));

        Order failed = validated.failNeedingAttention("OutOfStock", T0.plusSeconds(2));
        orders.update(validated, failed);
        Map<String, AttributeValue> done = raw(placed.id());
        assertThat(done.get("ttlEpoch").n())
                .isEqualTo(Long.toString(T0.plusSeconds(2).plus(RETENTION).getEpochSecond()));
        assertThat(done.get("failureReason").s()).startsWith("needs attention: OutOfStock");
        assertThat(done).doesNotContainKeys("inFlightShard", "dueEpoch");
        assertThat(done.get("version").n()).isEqualTo("3");
    }

    @Test
    void a_corrupt_item_is_reported_with_its_key_not_as_a_null_pointer() {
        Order order = OrderFixtures.pending();
        orders.add(order);
        Map<String, AttributeValue> item = new HashMap<>(raw(order.id()));
        item.remove("userId");
        item.put("status", AttributeValue.fromS("LOST"));
        dynamo.putItem(DynamoDb.Put.unconditional(table, item));

        assertThatThrownBy(() -> orders.find(order.id()))
                .isInstanceOf(CorruptItem.class)
                .hasMessageContaining("table " + table)
                .hasMessageContaining("key " + order.id())
                .hasMessageContaining("attribute userId is missing");
    }

    @Test
    void a_corrupt_item_in_the_pending_index_is_reported_by_the_stale_order_query() {
        Order order = OrderFixtures.pending();
        orders.add(order);
        Map<String, AttributeValue> item = new HashMap<>(raw(order.id()));
        item.put("items", AttributeValue.fromS("A-1 x 2"));
        dynamo.putItem(DynamoDb.Put.unconditional(table, item));

        assertThatThrownBy(() -> ids(orders.dueBefore(T0.plus(Duration.ofDays(1)))))
                .isInstanceOf(CorruptItem.class)
                .hasMessageContaining("key " + order.id())
                .hasMessageContaining("attribute items is not a list");
    }

    @Test
    void the_stale_order_query_reads_only_due_orders_through_the_index_and_never_scans() {
        List<OrderId> due = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Order stale = OrderFixtures.pending(OrderFixtures.newUser(), T0.plusSeconds(i));
            orders.add(stale);
            due.add(stale.id());
        }
        for (int i = 0; i < 20; i++) {
            orders.add(OrderFixtures.pending(OrderFixtures.newUser(), T0.plus(Duration.ofHours(2)).plusSeconds(i)));
        }
        for (int i = 0; i < 10; i++) {
            Order confirmedLongAgo = OrderFixtures.pending(OrderFixtures.newUser(), T0.minus(Duration.ofDays(1)));
            orders.add(confirmedLongAgo);
            Instant t = T0.minus(Duration.ofDays(1));
            orders.update(confirmedLongAgo, confirmedLongAgo.validate(t).reserve(t).charge(t).confirm(t));
        }
        calls.reset();

        List<OrderId> found = ids(orders.dueBefore(T0.plus(Duration.ofHours(1))));

        assertThat(found).containsExactlyInAnyOrderElementsOf(due);
        assertThat(calls.callsByOperation()).containsOnlyKeys("Query");
        assertThat(calls.calls("Query")).isEqualTo(8);
        assertThat(calls.itemsRead()).isEqualTo(5);
    }

    @Test
    void the_cutoff_is_exact_to_the_millisecond_although_the_due_time_is_in_seconds() {
        Order order = OrderFixtures.pending(OrderFixtures.ALICE, T0.plusMillis(500));
        orders.add(order);
        Instant deadline = order.deadline();

        assertThat(ids(orders.dueBefore(deadline))).isEmpty();
        assertThat(ids(orders.dueBefore(deadline.minusMillis(100)))).isEmpty();
        assertThat(ids(orders.dueBefore(deadline.plusMillis(1)))).containsExactly(order.id());
    }

    @Test
    void a_token_of_another_user_is_refused() {
        for (int i = 0; i < 3; i++) {
            orders.add(OrderFixtures.pending(OrderFixtures.ALICE, T0.plusSeconds(i)));
        }
        Page<Order> alices = orders.findByUser(OrderFixtures.ALICE, PageRequest.first(2));
        assertThat(alices.nextPageToken()).isPresent();

        assertThatThrownBy(() -> orders.findByUser(OrderFixtures.BOB, new PageRequest(2, alices.nextPageToken())))
                .isInstanceOf(InvalidPageToken.class);
    }

    @Test
    void a_listing_that_ends_exactly_at_a_page_boundary_gives_no_token_for_an_empty_page() {
        for (int i = 0; i < 4; i++) {
            orders.add(OrderFixtures.pending(OrderFixtures.ALICE, T0.plusSeconds(i)));
        }
        Page<Order> first = orders.findByUser(OrderFixtures.ALICE, PageRequest.first(2));
        Page<Order> second = orders.findByUser(OrderFixtures.ALICE, new PageRequest(2, first.nextPageToken()));

        assertThat(second.items()).hasSize(2);
        assertThat(second.nextPageToken()).isEqualTo(Optional.empty());
    }

    private Map<String, AttributeValue> raw(OrderId id) {
        return dynamo.getItem(table, OrderItemMapper.key(id), true).orElseThrow();
    }

    private static List<OrderId> ids(Stream<Order> found) {
        try (found) {
            return found.map(Order::id).collect(Collectors.toList());
        }
    }
}
