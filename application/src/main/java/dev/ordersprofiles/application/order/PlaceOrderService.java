package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.Ids;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

public final class PlaceOrderService implements PlaceOrder {
    private final OrderRepository orders;
    private final IdempotencyStore idempotency;
    private final OrderWorkflow workflow;
    private final Ids ids;
    private final Clock clock;
    private final EventLog events;
    private final OrderPolicy policy;
    private final ReconcileOrders reconciler;

    public PlaceOrderService(OrderRepository orders, IdempotencyStore idempotency, OrderWorkflow workflow, Ids ids,
                             Clock clock, EventLog events, OrderPolicy policy, ReconcileOrders reconciler) {
        this.orders = orders;
        this.idempotency = idempotency;
        this.workflow = workflow;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.policy = policy;
        this.reconciler = reconciler;
    }

    @Override
    public Order place(PlaceOrderCommand command) {
        Instant now = clock.instant();
        if (command.idempotencyKey().isEmpty()) {
            return start(add(newOrder(ids.newOrderId(), command, now)));
        }
        String hash = command.requestHash();
        IdempotencyRecord claim = new IdempotencyRecord(command.userId(), command.idempotencyKey().get(), hash,
                ids.newOrderId(), now.plus(policy.idempotencyWindow()));
        Optional<IdempotencyRecord> earlier = idempotency.claim(claim);
        if (earlier.isEmpty()) {
            return start(add(newOrder(claim.orderId(), command, now)));
        }
        if (!earlier.get().requestHash().equals(hash)) {
            throw new IdempotencyKeyReused();
        }
        // A replay. If the first request died between claiming the key and storing the order, finish its work.
        return ensurePlaced(earlier.get().orderId(), command, now);
    }

    private Order ensurePlaced(OrderId id, PlaceOrderCommand command, Instant now) {
        Optional<Order> stored = orders.find(id);
        if (stored.isEmpty()) {
            return start(add(newOrder(id, command, now)));
        }
        Order order = stored.get();
        boolean due = order.dueAt(policy.stuckAfter()).map(at -> !at.isAfter(now)).orElse(false);
        // A replay of an order past its deadline or stuck in flight settles it the way the reconciler would.
        return due ? reconciler.reconcile(order) : start(order);
    }

    private Order newOrder(OrderId id, PlaceOrderCommand command, Instant now) {
        return Order.place(id, command.userId(), command.amount(), command.items(), now, policy.pendingTimeout());
    }

    private Order start(Order order) {
        if (order.status() == OrderStatus.PENDING) {
            workflow.start(order.id()); // a no-op when the run exists already
        }
        return order;
    }

    private Order add(Order order) {
        try {
            orders.add(order);
        } catch (DuplicateOrder raced) {
            return orders.find(order.id()).orElseThrow(() -> raced);
        }
        events.record(new BusinessEvent.OrderPlaced(order.id(), order.userId()));
        return order;
    }
}
