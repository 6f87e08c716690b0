package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import java.util.Objects;

/** @param reason why the order failed, e.g. the name of the error that stopped the workflow */
public record MarkOrderFailedCommand(OrderId orderId, String reason) {
    public MarkOrderFailedCommand {
        Objects.requireNonNull(orderId, "orderId");
    }
}
