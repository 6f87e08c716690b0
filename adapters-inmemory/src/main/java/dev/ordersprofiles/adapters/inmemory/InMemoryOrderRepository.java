package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.order.ConcurrentOrderUpdate;
import dev.ordersprofiles.application.order.DuplicateOrder;
import dev.ordersprofiles.application.order.OrderPolicy;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.shared.InvalidPageToken;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Orders in a concurrent map. Conditional updates are atomic per order. */
public final class InMemoryOrderRepository implements OrderRepository {
    private final ConcurrentMap<OrderId, Order> orders = new ConcurrentHashMap<>();
    private final Duration stuckAfter;

    /** A repository whose orders in flight are due {@link OrderPolicy#DEFAULT_STUCK_AFTER} after their last move. */
    public InMemoryOrderRepository() {
        this(OrderPolicy.DEFAULT_STUCK_AFTER);
    }

    /** @param stuckAfter ORDER_STUCK_AFTER_SECONDS: when an order in flight becomes due for the reconciler */
    public InMemoryOrderRepository(Duration stuckAfter) {
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("stuckAfter must be positive");
        }
        this.stuckAfter = stuckAfter;
    }

    @Override
    public void add(Order order) {
        if (orders.putIfAbsent(order.id(), order) != null) {
            throw new DuplicateOrder(order.id());
        }
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public void update(Order current, Order next) {
        boolean[] stored = {false};
        orders.computeIfPresent(current.id(), (id, existing) -> {
            if (existing.status() != current.status() || existing.version() != current.version()) {
                return existing;
            }
            stored[0] = true;
            return next;
        });
        if (!stored[0]) {
            throw new ConcurrentOrderUpdate(current.id());
        }
    }

    @Override
    public Page<Order> findByUser(UserId user, PageRequest page) {
        Optional<SortKey> after = page.pageToken().map(token -> SortKey.decode(token, user));
        List<Order> matching = orders.values().stream()
                .filter(o -> o.isOwnedBy(user))
                .filter(o -> after.isEmpty() || SortKey.of(o).compareTo(after.get()) < 0)
                .sorted(Comparator.comparing(SortKey::of).reversed())
                .limit(page.limit() + 1L)
                .collect(Collectors.toList());
        if (matching.size() <= page.limit()) {
            return Page.last(matching);
        }
        List<Order> items = matching.subList(0, page.limit());
        return new Page<>(items, Optional.of(SortKey.of(items.get(items.size() - 1)).encode(user)));
    }

    @Override
    public Stream<Order> dueBefore(Instant cutoff) {
        return orders.values().stream()
                .filter(o -> o.dueAt(stuckAfter).map(due -> due.isBefore(cutoff)).orElse(false))
                .sorted(Comparator.comparing(o -> o.dueAt(stuckAfter).orElseThrow()))
                .collect(Collectors.toList())
                .stream();
    }

    /** The number of orders held; for tests and the local console. */
    public int size() {
        return orders.size();
    }

    /** Position in a user's listing: newest first, ties broken by id. */
    private record SortKey(long createdAtMillis, String orderId) implements Comparable<SortKey> {
        static SortKey of(Order order) {
            return new SortKey(order.createdAt().toEpochMilli(), order.id().value());
        }

        /** A token continues only the listing of the user it was made for (as the DynamoDB adapter's does). */
        static SortKey decode(String token, UserId user) {
            String[] parts;
            try {
                parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("/", 3);
            } catch (IllegalArgumentException garbled) {
                throw new InvalidPageToken();
            }
            if (parts.length != 3 || !parts[0].equals(user.value())) {
                throw new InvalidPageToken();
            }
            try {
                return new SortKey(Long.parseLong(parts[1]), OrderId.of(parts[2]).value());
            } catch (RuntimeException garbled) {
                throw new InvalidPageToken();
            }
        }

        String encode(UserId user) {
            byte[] key = (user.value() + "/" + createdAtMillis + "/" + orderId).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        }

        @Override
        public int compareTo(SortKey other) {
            int byTime = Long.compare(createdAtMillis, other.createdAtMillis);
            return byTime != 0 ? byTime : orderId.compareTo(other.orderId);
        }
    }
}
