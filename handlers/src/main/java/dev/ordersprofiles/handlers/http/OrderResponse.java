package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.domain.order.Order;
import java.math.BigDecimal;
import java.util.List;

/** 200 body of GET /orders/{id} (contracts/openapi.yaml Order). */
public record OrderResponse(String orderId, String status, BigDecimal amount, List<Line> items,
                            List<Change> history, String createdAt, String updatedAt, String failureReason) {

    public record Line(String sku, int qty) {
    }

    public record Change(String status, String at, String reason) {
    }

    static OrderResponse from(Order order) {
        return new OrderResponse(
                order.id().value(),
                order.status().name(),
                order.amount().amount(),
                order.items().stream().map(i -> new Line(i.sku().value(), i.qty())).toList(),
                order.history().stream()
                        .map(c -> new Change(c.status().name(), Timestamps.format(c.at()), c.reason())).toList(),
                Timestamps.format(order.createdAt()),
                Timestamps.format(order.updatedAt()),
                order.failureReason().orElse(null));
    }
}
