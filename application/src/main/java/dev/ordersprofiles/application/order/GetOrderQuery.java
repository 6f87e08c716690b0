package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Objects;

public record GetOrderQuery(UserId requester, OrderId orderId) {
    public GetOrderQuery {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(orderId, "orderId");
    }
}
