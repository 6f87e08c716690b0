package dev.ordersprofiles.adapters.aws.dynamodb;

import dev.ordersprofiles.application.order.ConcurrentOrderUpdate;
import dev.ordersprofiles.application.order.DuplicateOrder;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Orders in DynamoDB (docs/architecture.md §5) through the low-level client. Writes are whole-item PutItems: {@code add} on
 * the condition that the id is new, {@code update} on the condition that status and version are still those of
 * the order the caller read. Reads of single orders are strongly consistent. Listings and the reconciler's query go
 * through the byUser and inFlightByDue GSIs, never a Scan.
 */
public final class DynamoDbOrderRepository implements OrderRepository {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int DEFAULT_SHARDS = 8;

    private final DynamoDb dynamo;
    private final String table;
    private final OrderItemMapper mapper;
    private final PageTokens tokens;
    private final int pendingPageSize;

    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofHours(1);

    /** An adapter with 8 in-flight shards, 30 days of retention, 1 h stuck-after and 1 MB query pages. */
    public DynamoDbOrderRepository(DynamoDb dynamo, String table) {
        this(dynamo, table, DEFAULT_SHARDS, DEFAULT_RETENTION, 0);
    }

    /** Like the full constructor with a stuck-after time of one hour. */
    public DynamoDbOrderRepository(DynamoDb dynamo, String table, int shards, Duration retention,
                                   int pendingPageSize) {
        this(dynamo, table, shards, retention, DEFAULT_STUCK_AFTER, pendingPageSize);
    }

    /**
     * @param shards          PENDING_INDEX_SHARDS: partitions of the inFlightByDue index
     * @param retention       ORDER_RETENTION_DAYS: how long EXPIRED and FAILED orders are kept
     * @param stuckAfter      ORDER_STUCK_AFTER_SECONDS: when an order in flight becomes due for the reconciler
     * @param pendingPageSize the Limit of each due-order query page; 0 lets DynamoDB fill 1 MB pages
     */
    public DynamoDbOrderRepository(DynamoDb dynamo, String table, int shards, Duration retention,
                                   Duration stuckAfter, int pendingPageSize) {
        if (pendingPageSize < 0) {
            throw new IllegalArgumentException("pendingPageSize must be >= 0");
        }
        this.dynamo = dynamo;
        this.table = table;
        this.mapper = new OrderItemMapper(table, shards, retention, stuckAfter);
        this.tokens = new PageTokens();
        this.pendingPageSize = pendingPageSize;
    }

    @Override
    public void add(Order order) {
        try {
            dynamo.putItem(new DynamoDb.Put(table, mapper.toItem(order), "attribute_not_exists(#id)",
                    Map.of("#id", OrderItemMapper.ORDER_ID), Map.of(), false));
        } catch (DynamoDb.ConditionFailed exists) {
            throw new DuplicateOrder(order.id());
        }
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return dynamo.getItem(table, OrderItemMapper.key(id), true).map(mapper::fromItem);
    }

    @Override
    public void update(Order current, Order next) {
        if (!current.id().equals(next.id())) {
            throw new IllegalArgumentException("update must keep the order id: " + current.id() + " vs " + next.id());
        }
        try {
            dynamo.putItem(new DynamoDb.Put(table, mapper.toItem(next), "#status = :status AND #version = :version",
                    Map.of("#status", OrderItemMapper.STATUS, "#version", OrderItemMapper.VERSION),
                    Map.of(":status", OrderItemMapper.s(current.status().name()),
                            ":version", OrderItemMapper.n(Long.toString(current.version()))),
                    false));
        } catch (DynamoDb.ConditionFailed movedOn) {
            throw new ConcurrentOrderUpdate(current.id());
        }
    }

    @Override
    public Page<Order> findByUser(UserId user, PageRequest page) {
        Map<String, AttributeValue> start = page.pageToken().map(token -> tokens.decode(token, user)).orElse(null);
        // One more than asked tells whether a next page exists, so the last page never comes with a token.
        DynamoDb.QueryPage response = dynamo.query(new DynamoDb.Query(table, TableDefinitions.BY_USER_INDEX,
                "#user = :user", Map.of("#user", OrderItemMapper.USER_ID),
                Map.of(":user", OrderItemMapper.s(user.value())), false, page.limit() + 1, start));
        List<Order> orders = new ArrayList<>(page.limit());
        for (Map<String, AttributeValue> item : response.items()) {
            if (orders.size() == page.limit()) {
                break;
            }
            orders.add(mapper.fromItem(item));
        }
        // Fewer than limit + 1 items with a LastEvaluatedKey: DynamoDB stopped at 1 MB, so there may be more.
        boolean more = response.items().size() > page.limit()
                || response.hasMore();
        if (!more || orders.isEmpty()) {
            return Page.last(orders);
        }
        return new Page<>(orders, Optional.of(tokens.encode(orders.get(orders.size() - 1))));
    }

    @Override
    public Stream<Order> dueBefore(Instant cutoff) {
        Iterator<Order> due = new DueIterator(cutoff);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(due, Spliterator.NONNULL), false);
    }

    /**
     * Walks the shards one after the other, one query page at a time. The key condition
     * {@code dueEpoch < floor(cutoff) + 1} reads only orders due by the cutoff's second; the exact millisecond
     * due time then drops the few due later within that second.
     */
    private final class DueIterator implements Iterator<Order> {
        private final Instant cutoff;
        private final AttributeValue cutoffSecond;
        private int shard = -1;
        private Map<String, AttributeValue> nextStart;
        private boolean shardDone = true;
        private Iterator<Map<String, AttributeValue>> page = List.<Map<String, AttributeValue>>of().iterator();
        private Order next;

        DueIterator(Instant cutoff) {
            this.cutoff = cutoff;
            this.cutoffSecond = OrderItemMapper.n(Long.toString(Math.addExact(cutoff.getEpochSecond(), 1)));
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (page.hasNext()) {
                    Order candidate = mapper.fromItem(page.next());
                    if (candidate.dueAt(mapper.stuckAfter()).map(due -> due.isBefore(cutoff)).orElse(false)) {
                        next = candidate;
                    }
                } else if (!shardDone) {
                    fetchPage();
                } else if (shard + 1 < mapper.shards()) {
                    shard++;
                    nextStart = null;
                    shardDone = false;
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Order next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Order result = next;
            next = null;
            return result;
        }

        private void fetchPage() {
            DynamoDb.QueryPage response = dynamo.query(new DynamoDb.Query(table, TableDefinitions.IN_FLIGHT_INDEX,
                    "#shard = :shard AND #due < :cutoff",
                    Map.of("#shard", OrderItemMapper.IN_FLIGHT_SHARD, "#due", OrderItemMapper.DUE_EPOCH),
                    Map.of(":shard", OrderItemMapper.s(mapper.shardName(shard)), ":cutoff", cutoffSecond),
                    true, pendingPageSize, nextStart));
            page = response.items().iterator();
            if (response.hasMore()) {
                nextStart = response.lastEvaluatedKey();
            } else {
                shardDone = true;
            }
        }
    }
}
