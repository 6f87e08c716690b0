package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.application.order.IdempotencyKey;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.Sku;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Body of POST /orders (contracts/openapi.yaml PlaceOrderRequest). */
public record PlaceOrderRequest(BigDecimal amount, List<Line> items) {

    public record Line(String sku, Integer qty) {
        static Line read(JsonBody body, String path) throws IOException {
            String sku = null;
            Integer qty = null;
            while (body.nextField()) {
                String field = body.name();
                switch (field) {
                    case "sku" -> sku = body.string(path + field);
                    case "qty" -> qty = body.integer(path + field);
                    default -> body.unknown(path + field);
                }
            }
            return new Line(sku, qty);
        }
    }

    static PlaceOrderRequest read(JsonBody body, String path) throws IOException {
        BigDecimal amount = null;
        List<Line> items = null;
        while (body.nextField()) {
            String field = body.name();
            switch (field) {
                case "amount" -> amount = body.decimal(path + field);
                case "items" -> items = body.objects(path + field, Line::read);
                default -> body.unknown(path + field);
            }
        }
        return new PlaceOrderRequest(amount, items);
    }

    PlaceOrderCommand toCommand(UserId user, Optional<String> idempotencyKeyHeader) {
        Fields fields = new Fields();
        Money money = fields.required("amount", amount) ? fields.build("amount", () -> new Money(amount)) : null;
        List<LineItem> lines = new ArrayList<>();
        if (fields.required("items", items)) {
            if (items.isEmpty() || items.size() > Order.MAX_LINES) {
                fields.add("items", "must have 1 to " + Order.MAX_LINES + " lines");
            }
            for (int i = 0; i < items.size() && i < Order.MAX_LINES; i++) {
                String at = "items[" + i + "]";
                Line line = items.get(i);
                if (!fields.required(at, line)) {
                    continue;
                }
                Sku sku = fields.required(at + ".sku", line.sku())
                        ? fields.build(at + ".sku", () -> Sku.of(line.sku())) : null;
                boolean hasQty = fields.required(at + ".qty", line.qty());
                if (sku != null && hasQty) {
                    LineItem item = fields.build(at + ".qty", () -> new LineItem(sku, line.qty()));
                    if (item != null) {
                        lines.add(item);
                    }
                }
            }
        }
        Optional<IdempotencyKey> key = idempotencyKeyHeader.map(
                header -> fields.build("Idempotency-Key", () -> IdempotencyKey.of(header)));
        fields.check();
        return new PlaceOrderCommand(user, money, lines, key);
    }
}
