package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import java.util.Objects;

/**
 * @param reason   why the order failed, e.g. the name of the error that stopped the workflow
 * @param expected what the step's payload says of the order besides its id ({@link ExpectedOrder#check})
 */
public record MarkOrderFailedCommand(OrderId orderId, String reason, ExpectedOrder expected) {
    public MarkOrderFailedCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(expected, "expected");
    }

    /** A command whose payload named the order by its id only. */
    public MarkOrderFailedCommand(OrderId orderId, String reason) {
        this(orderId, reason, ExpectedOrder.ANY);
    }
}
