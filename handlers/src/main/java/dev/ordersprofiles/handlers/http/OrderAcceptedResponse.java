package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;

/** 202 body of POST /orders. */
public record OrderAcceptedResponse(String orderId, String status) implements PlainJson.Writable {
    static OrderAcceptedResponse from(Order order) {
        return new OrderAcceptedResponse(order.id().value(), order.status().name());
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        HttpJson.field(out, "orderId", orderId);
        HttpJson.field(out, "status", status);
        out.writeEndObject();
    }
}
