package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OrderItemMapperTest {
    private static final Instant T0 = OrderFixtures.T0;
    private final OrderItemMapper mapper = new OrderItemMapper("orders", 8, Duration.ofDays(30), STUCK_AFTER);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(30);

    @Test
    void a_pending_order_is_due_at_its_deadline_in_an_in_flight_shard_and_has_no_ttl() {
        Order order = OrderFixtures.pending();

        Map<String, AttributeValue> item = mapper.toItem(order);

        assertThat(item.get("dueEpoch").n()).isEqualTo(Long.toString(T0.plus(OrderFixtures.PENDING_FOR).getEpochSecond()));
        assertThat(item.get("inFlightShard").s()).matches("INFLIGHT#[0-7]").isEqualTo(mapper.shardOf(order.id()));
        assertThat(item.get("deadline").s()).isEqualTo("2026-11-27T10:15:00.000Z");
        assertThat(item).doesNotContainKey("ttlEpoch");
        assertThat(item.get("status").s()).isEqualTo("PENDING");
        assertThat(item).doesNotContainKey("failureReason");
    }

    @Test
    void money_is_a_number_with_its_exact_decimal_digits() {
        Map<String, AttributeValue> item = mapper.toItem(OrderFixtures.pending());

        assertThat(item.get("amount").n()).isEqualTo("42.50");
        assertThat(item.get("amount").s()).isNull();
    }

    @Test
    void timestamps_are_fixed_width_utc_with_milliseconds() {
        Order order = OrderFixtures.pending(OrderFixtures.ALICE, Instant.parse("2026-01-02T03:04:05Z"));

        Map<String, AttributeValue> item = mapper.toItem(order);

        assertThat(item.get("createdAt").s()).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(item.get("history").l().get(0).m().get("at").s()).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(item.get("deadline").s()).isEqualTo("2026-01-02T03:19:05.000Z");
    }

    @Test
    void a_live_order_past_pending_has_no_ttl_and_is_due_stuck_after_its_last_move() {
        Order validated = OrderFixtures.pending().validate(T0.plusSeconds(1));
        Order compensating = OrderFixtures.pending().validate(T0.plusSeconds(1)).release(T0.plusSeconds(2));

        Map<String, AttributeValue> item = mapper.toItem(validated);

        assertThat(item).doesNotContainKey("ttlEpoch");
        assertThat(item.get("dueEpoch").n()).isEqualTo(Long.toString(T0.plusSeconds(1).plus(STUCK_AFTER).getEpochSecond()));
        assertThat(item.get("inFlightShard").s()).isEqualTo(mapper.shardOf(validated.id()));
        assertThat(mapper.toItem(compensating).get("dueEpoch").n())
                .isEqualTo(Long.toString(T0.plusSeconds(2).plus(STUCK_AFTER).getEpochSecond()));
    }

    @Test
    void a_confirmed_order_leaves_the_index_and_is_kept() {
        Instant t = T0.plusSeconds(1);
        Order confirmed = OrderFixtures.pending().validate(t).reserve(t).charge(t).confirm(t);

        assertThat(mapper.toItem(confirmed)).doesNotContainKeys("ttlEpoch", "inFlightShard", "dueEpoch");
    }

    @Test
    void expired_and_failed_orders_are_kept_for_the_retention_period() {
        Instant at = T0.plus(OrderFixtures.PENDING_FOR);
        Order expired = OrderFixtures.pending().expire(at);
        Order failed = OrderFixtures.pending().fail("OutOfStock", at);

        assertThat(mapper.toItem(expired).get("ttlEpoch").n())
                .isEqualTo(Long.toString(at.plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(mapper.toItem(failed).get("ttlEpoch").n())
                .isEqualTo(Long.toString(at.plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(mapper.toItem(failed).get("failureReason").s()).isEqualTo("OutOfStock");
        assertThat(mapper.toItem(failed)).doesNotContainKeys("inFlightShard", "dueEpoch");
        assertThat(mapper.toItem(expired)).doesNotContainKeys("inFlightShard", "dueEpoch");
    }

    @Test
    void every_status_round_trips() {
        Instant t = T0.plusSeconds(1);
        List<Order> samples = List.of(OrderFixtures.pending(), OrderFixtures.pending().validate(t),
                OrderFixtures.pending().validate(t).reserve(t).charge(t).confirm(t.plusMillis(3)),
                OrderFixtures.pending().expire(T0.plus(OrderFixtures.PENDING_FOR)),
                OrderFixtures.pending().validate(t).release(t).fail("a \"quoted\" ünïcode reason", t),
                OrderFixtures.pending().validate(t).reserve(t).beginCompensation(t),
                OrderFixtures.pending().validate(t).failNeedingAttention("ReleaseInventory: Timeout", t));
        for (Order order : samples) {
            assertThat(mapper.fromItem(mapper.toItem(order))).isEqualTo(order);
        }
    }

    @Test
    void the_number_form_dynamodb_returns_reads_back_as_the_same_money() {
        Map<String, AttributeValue> item = new HashMap<>(mapper.toItem(OrderFixtures.pending()));
        item.put("amount", AttributeValue.fromN("42.5"));

        assertThat(mapper.fromItem(item).amount().toString()).isEqualTo("42.50");
    }

    @Test
    void shards_are_stable_and_spread() {
        Order order = OrderFixtures.pending();
        assertThat(mapper.shardOf(order.id())).isEqualTo(new OrderItemMapper("x", 8, Duration.ofDays(1), Duration.ofHours(2)).shardOf(order.id()));
        long distinct = java.util.stream.IntStream.range(0, 400)
                .mapToObj(i -> mapper.shardOf(OrderFixtures.newId())).distinct().count();
        assertThat(distinct).isEqualTo(8);
    }

    @Test
    void a_missing_attribute_is_reported_with_the_item_key() {
        Order order = OrderFixtures.pending();

        assertCorrupt(order, item -> item.remove("status"), "attribute status is missing");
        assertCorrupt(order, item -> item.remove("version"), "attribute version is missing");
        assertCorrupt(order, item -> item.remove("deadline"), "attribute deadline is missing");
    }

    @Test
    void a_wrong_type_is_reported_with_the_item_key() {
        Order order = OrderFixtures.pending();

        assertCorrupt(order, item -> item.put("amount", AttributeValue.fromS("42.50")), "attribute amount is not a number");
        assertCorrupt(order, item -> item.put("status", AttributeValue.fromN("1")), "attribute status is not a string");
        assertCorrupt(order, item -> item.put("items", AttributeValue.fromS("A-1")), "attribute items is not a list");
        assertCorrupt(order, item -> item.put("items", AttributeValue.fromL(List.of(AttributeValue.fromS("A-1")))),
                "attribute items[0] is not a map");
        assertCorrupt(order, item -> item.put("version", AttributeValue.fromN("1.5")), "attribute version is not a whole");
    }

    @Test
    void an_unknown_status_is_reported_with_the_item_key() {
        Order order = OrderFixtures.pending();

        assertCorrupt(order, item -> item.put("status", AttributeValue.fromS("SHIPPED")),
                "attribute status has an unknown value");
    }

    @Test
    void impossible_values_are_reported_with_the_item_key() {
        Order order = OrderFixtures.pending();

        assertCorrupt(order, item -> item.put("amount", AttributeValue.fromN("-1")), "attribute amount has an invalid value");
        assertCorrupt(order, item -> item.put("createdAt", AttributeValue.fromS("yesterday")), "attribute createdAt");
        assertCorrupt(order, item -> item.put("userId", AttributeValue.fromS("a b")), "attribute userId has an invalid value");
        assertCorrupt(order, item -> item.put("status", AttributeValue.fromS("CONFIRMED")), "not a valid order");
        assertCorrupt(order, item -> {
            List<AttributeValue> history = item.get("history").l();
            Map<String, AttributeValue> entry = new HashMap<>(history.get(0).m());
            entry.remove("at");
            item.put("history", AttributeValue.fromL(List.of(AttributeValue.fromM(entry))));
        }, "attribute history[0].at is missing");
    }

    @Test
    void an_item_without_its_key_says_so() {
        Map<String, AttributeValue> item = new HashMap<>(mapper.toItem(OrderFixtures.pending()));
        item.remove("orderId");

        assertThatThrownBy(() -> mapper.fromItem(item)).isInstanceOf(CorruptItem.class)
                .hasMessageContaining("<no orderId>").hasMessageContaining("attribute orderId is missing");
    }

    private void assertCorrupt(Order order, Consumer<Map<String, AttributeValue>> damage, String expected) {
        Map<String, AttributeValue> item = new HashMap<>(mapper.toItem(order));
        damage.accept(item);

        assertThatThrownBy(() -> mapper.fromItem(item))
                .isInstanceOf(CorruptItem.class)
                .hasMessageContaining("table orders")
                .hasMessageContaining("key " + order.id())
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((CorruptItem) e).key()).isEqualTo(order.id().value()));
    }
}
