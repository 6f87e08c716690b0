package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.domain.order.Order;

/** 202 body of POST /orders. */
public record OrderAcceptedResponse(String orderId, String status) {
    static OrderAcceptedResponse from(Order order) {
        return new OrderAcceptedResponse(order.id().value(), order.status().name());
    }
}
