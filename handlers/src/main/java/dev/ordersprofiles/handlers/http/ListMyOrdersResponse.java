package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;
import java.util.List;

/**
 * 200 body of GET /orders (contracts/openapi.yaml OrderPage): whole orders, history included, so that a client
 * shows each order's progress from one call; {@code nextCursor} is absent on the last page.
 */
public record ListMyOrdersResponse(List<OrderResponse> items, String nextCursor) implements PlainJson.Writable {

    static ListMyOrdersResponse from(Page<Order> page) {
        return new ListMyOrdersResponse(page.items().stream().map(OrderResponse::from).toList(),
                page.nextPageToken().orElse(null));
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeArrayFieldStart("items");
        for (OrderResponse order : items) {
            order.writeJson(out);
        }
        out.writeEndArray();
        HttpJson.field(out, "nextCursor", nextCursor);
        out.writeEndObject();
    }
}
