package dev.ordersprofiles.application.order;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.application.port.EventLog;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Compensates stuck orders rather than re-driving their executions (docs/architecture.md, "Reconciler"): the
 * compensations are idempotent and the domain forbids going forward after one, so a workflow run that is merely slow
 * and wakes up later fails its next step and ends in the same FAILED order.
 */
public final class ReconcileOrdersService implements ReconcileOrders {
    private final OrderRepository orders;
    private final RefundPayment refund;
    private final ReleaseInventory release;
    private final MarkOrderFailed markFailed;
    private final MarkOrderNeedsAttention markNeedsAttention;
    private final Clock clock;
    private final EventLog events;
    private final OrderPolicy policy;

    public ReconcileOrdersService(OrderRepository orders, RefundPayment refund, ReleaseInventory release,
                                  MarkOrderFailed markFailed, MarkOrderNeedsAttention markNeedsAttention, Clock clock,
                                  EventLog events, OrderPolicy policy) {
        this.orders = orders;
        this.refund = refund;
        this.release = release;
        this.markFailed = markFailed;
        this.markNeedsAttention = markNeedsAttention;
        this.clock = clock;
        this.events = events;
        this.policy = policy;
    }

    private enum Outcome { EXPIRED, FAILED, NEEDS_ATTENTION, SKIPPED, DEFERRED }

    @Override
    public ReconcileReport reconcile() {
        Instant now = clock.instant();
        int[] counts = new int[Outcome.values().length];
        try (Stream<Order> due = orders.dueBefore(now)) {
            for (Iterator<Order> it = due.iterator(); it.hasNext(); ) {
                counts[settle(it.next(), now).ordinal()]++;
            }
        }
        return new ReconcileReport(counts[Outcome.EXPIRED.ordinal()], counts[Outcome.FAILED.ordinal()],
                counts[Outcome.NEEDS_ATTENTION.ordinal()], counts[Outcome.SKIPPED.ordinal()],
                counts[Outcome.DEFERRED.ordinal()]);
    }

    @Override
    public Order reconcile(Order order) {
        settle(order, clock.instant());
        return orders.find(order.id()).orElse(order);
    }

    private Outcome settle(Order order, Instant now) {
        if (order.dueAt(policy.stuckAfter()).map(due -> due.isAfter(now)).orElse(true)) {
            return Outcome.SKIPPED; // terminal, or not due yet
        }
        if (order.status() == OrderStatus.PENDING) {
            try {
                orders.update(order, order.expire(now));
            } catch (ConcurrentOrderUpdate movedOn) {
                return Outcome.SKIPPED;
            }
            events.record(new BusinessEvent.OrderExpired(order.id()));
            return Outcome.EXPIRED;
        }
        String stuck = "Stuck: no progress in " + order.status() + " since " + order.updatedAt();
        try {
            refund.refund(order.id());
            release.release(order.id());
        } catch (DependencyUnavailable outage) {
            return Outcome.DEFERRED;
        } catch (DomainException movedOn) {
            return Outcome.SKIPPED; // e.g. confirmed meanwhile: the workflow finished after all
        } catch (RuntimeException broken) {
            return needsAttention(order, stuck + "; " + broken.getClass().getSimpleName());
        }
        try {
            Order failed = markFailed.markFailed(new MarkOrderFailedCommand(order.id(), stuck));
            return failed.status() == OrderStatus.FAILED && !failed.needsAttention() ? Outcome.FAILED : Outcome.SKIPPED;
        } catch (DependencyUnavailable outage) {
            return Outcome.DEFERRED;
        } catch (DomainException movedOn) {
            return Outcome.SKIPPED;
        }
    }

    private Outcome needsAttention(Order order, String cause) {
        try {
            markNeedsAttention.markNeedsAttention(new MarkOrderFailedCommand(order.id(), cause));
            return Outcome.NEEDS_ATTENTION;
        } catch (DependencyUnavailable outage) {
            return Outcome.DEFERRED;
        } catch (DomainException movedOn) {
            return Outcome.SKIPPED;
        }
    }
}
