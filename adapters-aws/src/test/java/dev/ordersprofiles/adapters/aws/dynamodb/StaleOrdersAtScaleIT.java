package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.adapters.aws.testing.DynamoDbCalls;
import dev.ordersprofiles.adapters.aws.testing.Dynalite;
import dev.ordersprofiles.adapters.aws.testing.Figures;
import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.order.MarkOrderFailedService;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttentionService;
import dev.ordersprofiles.application.order.OrderPolicy;
import dev.ordersprofiles.application.order.ReconcileOrdersService;
import dev.ordersprofiles.application.order.ReconcileReport;
import dev.ordersprofiles.application.order.RefundPaymentService;
import dev.ordersprofiles.application.order.ReleaseInventoryService;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.order.Sku;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 3, item 2: 50,000 orders, of which 500 are PENDING past their deadline, 4,500 PENDING but not yet due and
 * 45,000 past PENDING (confirmed, failed, expired). The cleanup use case must expire exactly the 500 and read no
 * more than 1.1 x 500 items. Items read are counted on the wire (DynamoDbCalls: the ScannedCount of every Query
 * response and every GetItem hit), so nothing the adapter reads can escape the count. The table is seeded with the
 * AWS SDK's BatchWriteItem (2,000 calls instead of 50,000 PutItems), which the adapters have no use for.
 */
class StaleOrdersAtScaleIT {
    private static final int TOTAL = 50_000;
    private static final int STALE = 500;
    private static final int PENDING_NOT_DUE = 4_500;
    private static final int USERS = 1_000;
    private static final int SHARDS = 8;
    private static final int SEED_THREADS = Integer.getInteger("stale.seedThreads", 8);
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00.000Z");
    private static final Duration PENDING_FOR = Duration.ofMinutes(15);
    private static final Duration STUCK_AFTER = Duration.ofHours(1);
    private static final Payments NO_PAYMENTS = new Payments() {
        @Override
        public void charge(OrderId orderId, Money amount) {
            throw new AssertionError("no charge expected");
        }

        @Override
        public void refund(OrderId orderId) {
            throw new AssertionError("no refund expected");
        }
    };
    private static final Inventory NO_INVENTORY = new Inventory() {
        @Override
        public boolean carries(Sku sku) {
            throw new AssertionError("no inventory call expected");
        }

        @Override
        public void reserve(OrderId orderId, List<LineItem> items) {
            throw new AssertionError("no reservation expected");
        }

        @Override
        public void release(OrderId orderId) {
            throw new AssertionError("no release expected");
        }
    };

    @Test
    void the_cleanup_expires_all_500_stale_orders_of_50000_reading_at_most_550_items() throws Exception {
        Dynalite dynalite = Dynalite.shared();
        String table = dynalite.freshTables().orders();
        OrderItemMapper mapper = new OrderItemMapper(table, SHARDS, Duration.ofDays(30), STUCK_AFTER);
        Random random = new Random(42);
        List<Order> all = new ArrayList<>(TOTAL);
        List<OrderId> stale = new ArrayList<>(STALE);
        for (int i = 0; i < TOTAL; i++) {
            UserId user = UserId.of("user-" + random.nextInt(USERS));
            OrderId id = OrderId.of(new UUID(random.nextLong(), random.nextLong()));
            Order order;
            if (i < STALE) {
                order = place(id, user, NOW.minus(PENDING_FOR).minusSeconds(1 + random.nextInt(86_400)));
                stale.add(id);
            } else if (i < STALE + PENDING_NOT_DUE) {
                order = place(id, user, NOW.minus(PENDING_FOR).plusSeconds(1 + random.nextInt(800)));
            } else {
                Instant created = NOW.minus(Duration.ofDays(1 + random.nextInt(60)));
                Order placed = place(id, user, created);
                Instant t = created.plusSeconds(5);
                order = switch (i % 3) {
                    case 0 -> placed.validate(t).reserve(t).charge(t).confirm(t);
                    case 1 -> placed.validate(t).release(t).fail("PaymentDeclined", t);
                    default -> placed.expire(created.plus(PENDING_FOR));
                };
            }
            all.add(order);
        }
        Collections.shuffle(all, random);

        long seedStart = System.nanoTime();
        int batches;
        try (DynamoDbClient sdk = SdkOracle.client(dynalite.endpoint())) {
            batches = seed(sdk, table, mapper, all);
        }
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;

        DynamoDbCalls calls = new DynamoDbCalls();
        AtomicInteger expiredEvents = new AtomicInteger();
        DynamoDb counted = dynalite.dynamoDb(calls);
        DynamoDbOrderRepository orders = new DynamoDbOrderRepository(counted, table, SHARDS, Duration.ofDays(30),
                STUCK_AFTER, 0);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EventLog events = event -> {
            if (event instanceof BusinessEvent.OrderExpired) {
                expiredEvents.incrementAndGet();
            }
        };
        // No order here is in flight, so the compensations must never reach inventory or payments.
        ReconcileOrdersService cleanup = new ReconcileOrdersService(orders,
                new RefundPaymentService(orders, NO_PAYMENTS, clock),
                new ReleaseInventoryService(orders, NO_INVENTORY, clock),
                new MarkOrderFailedService(orders, clock, events), new MarkOrderNeedsAttentionService(orders, clock, events),
                clock, events, new OrderPolicy(PENDING_FOR, Duration.ofHours(24), STUCK_AFTER));

        long cleanupStart = System.nanoTime();
        ReconcileReport report = cleanup.reconcile();
        long cleanupMillis = (System.nanoTime() - cleanupStart) / 1_000_000;
        Map<String, Long> cleanupCalls = calls.callsByOperation();
        long itemsRead = calls.itemsRead();
        String capacity = calls.capacityReported()
                ? String.format("RCU reported=%.1f, WCU reported=%.1f", calls.readUnits(), calls.writeUnits())
                : "capacity not reported (the adapters do not ask for ReturnConsumedCapacity)";

        assertThat(report.expired()).isEqualTo(STALE);
        assertThat(report.skipped()).isZero();
        assertThat(expiredEvents).hasValue(STALE);
        assertThat(itemsRead).isLessThanOrEqualTo((long) (1.1 * STALE));
        assertThat(cleanupCalls).containsOnlyKeys("Query", "PutItem");
        assertThat(cleanupCalls.get("Query")).as("one query page per shard").isEqualTo(SHARDS);
        assertThat(cleanupCalls.get("PutItem")).isEqualTo(STALE);

        calls.reset();
        try (Stream<Order> left = orders.dueBefore(NOW)) {
            assertThat(left.count()).as("stale orders missed").isZero();
        }
        for (OrderId id : stale) {
            assertThat(orders.find(id).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
        }
        try (Stream<Order> stillPending = orders.dueBefore(NOW.plus(Duration.ofDays(1)))) {
            assertThat(stillPending.count()).isEqualTo(PENDING_NOT_DUE);
        }

        Figures.record(String.format(
                "stale-orders: %d orders (%d stale, %d pending not due), seeded with %d BatchWriteItem calls in %d ms;"
                        + " cleanup: %d ms, expired=%d skipped=%d, calls=%s, items read=%d (limit %d),"
                        + " %s",
                TOTAL, STALE, PENDING_NOT_DUE, batches, seedMillis, cleanupMillis, report.expired(),
                report.skipped(), cleanupCalls, itemsRead, (long) (1.1 * STALE), capacity));
    }

    private static Order place(OrderId id, UserId user, Instant createdAt) {
        return Order.place(id, user, Money.of("19.99"), List.of(LineItem.of("A-1", 1), LineItem.of("B-2", 3)),
                createdAt, PENDING_FOR);
    }

    /** BatchWriteItem in batches of 25 from SEED_THREADS threads, retrying unprocessed items. @return the number of calls */
    private static int seed(DynamoDbClient client, String table, OrderItemMapper mapper, List<Order> orders)
            throws Exception {
        List<List<WriteRequest>> batches = new ArrayList<>();
        for (int from = 0; from < orders.size(); from += 25) {
            batches.add(orders.subList(from, Math.min(from + 25, orders.size())).stream()
                    .map(order -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(SdkOracle.toSdk(mapper.toItem(order))).build())
                            .build())
                    .collect(Collectors.toList()));
        }
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<WriteRequest> batch : batches) {
                done.add(pool.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(request));
                        calls.incrementAndGet();
                        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                        pending = pending.values().stream().allMatch(List::isEmpty) ? Map.of() : pending;
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return calls.get();
    }

}
