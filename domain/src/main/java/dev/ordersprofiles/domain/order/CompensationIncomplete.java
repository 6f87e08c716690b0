package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.DomainException;
import java.util.Set;

/** An order was to be failed while it may still hold a reservation or a charge that nobody has undone. */
public final class CompensationIncomplete extends DomainException {
    private final OrderId orderId;
    private final Set<Order.Hold> holds;

    public CompensationIncomplete(OrderId orderId, Set<Order.Hold> holds) {
        super("order " + orderId + " may still hold " + Order.describe(holds) + "; undo it before failing the order");
        this.orderId = orderId;
        this.holds = Set.copyOf(holds);
    }

    public OrderId orderId() {
        return orderId;
    }

    public Set<Order.Hold> holds() {
        return holds;
    }
}
