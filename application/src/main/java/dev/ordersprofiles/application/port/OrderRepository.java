package dev.ordersprofiles.application.port;

import dev.ordersprofiles.application.order.ConcurrentOrderUpdate;
import dev.ordersprofiles.application.order.DuplicateOrder;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** Where orders live. Implementations are safe for concurrent use. */
public interface OrderRepository {

    /** Stores a new order. @throws DuplicateOrder if an order with its id exists already */
    void add(Order order);

    /** The order with this id, or empty when there is none. Outages propagate; they are never "not found". */
    Optional<Order> find(OrderId id);

    /**
     * Replaces {@code current} by {@code next} (the same order, moved on by domain verbs) if and only if the
     * stored order still has {@code current}'s status and version.
     *
     * @throws ConcurrentOrderUpdate if the stored order is missing or has moved on since {@code current} was read
     */
    void update(Order current, Order next);

    /** The user's orders, newest first. */
    Page<Order> findByUser(UserId user, PageRequest page);

    /**
     * Every non-terminal order that is due before {@code cutoff}, read lazily page by page: a PENDING order at its
     * deadline, an order in flight at {@link Order#dueAt} with the stuck-after time the repository was configured
     * with. Its cost grows with the number of orders in flight, never with the size of the store. Close the stream
     * when done.
     */
    Stream<Order> dueBefore(Instant cutoff);
}
