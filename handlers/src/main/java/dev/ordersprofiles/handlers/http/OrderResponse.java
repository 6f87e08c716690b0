package dev.ordersprofiles.handlers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.application.shared.UtcMillis;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/** 200 body of GET /orders/{id} (contracts/openapi.yaml Order). */
public record OrderResponse(String orderId, String status, BigDecimal amount, List<Line> items,
                            List<Change> history, String createdAt, String updatedAt, String failureReason)
        implements PlainJson.Writable {

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
                        .map(c -> new Change(c.status().name(), UtcMillis.format(c.at()), c.reason())).toList(),
                UtcMillis.format(order.createdAt()),
                UtcMillis.format(order.updatedAt()),
                order.failureReason().orElse(null));
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        HttpJson.field(out, "orderId", orderId);
        HttpJson.field(out, "status", status);
        if (amount != null) {
            out.writeFieldName("amount");
            out.writeNumber(amount);
        }
        if (items != null) {
            out.writeArrayFieldStart("items");
            for (Line line : items) {
                out.writeStartObject();
                HttpJson.field(out, "sku", line.sku());
                out.writeNumberField("qty", line.qty());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (history != null) {
            out.writeArrayFieldStart("history");
            for (Change change : history) {
                out.writeStartObject();
                HttpJson.field(out, "status", change.status());
                HttpJson.field(out, "at", change.at());
                HttpJson.field(out, "reason", change.reason());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        HttpJson.field(out, "createdAt", createdAt);
        HttpJson.field(out, "updatedAt", updatedAt);
        HttpJson.field(out, "failureReason", failureReason);
        out.writeEndObject();
    }
}
