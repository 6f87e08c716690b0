package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The census's invariant check finds each way an order can be wrong (so FaultsIT's empty list means something). */
class OrderCensusTest {
    @Test
    void consistent_terminal_orders_break_nothing() throws Exception {
        assertThat(OrderCensus.check("c", order("CONFIRMED", null, "PENDING", "VALIDATED", "RESERVED", "CHARGED",
                "CONFIRMED"))).isEmpty();
        assertThat(OrderCensus.check("f", order("FAILED", "PaymentDeclined", "PENDING", "VALIDATED", "RESERVED",
                "COMPENSATING:payment refunded", "COMPENSATING:reservation released", "FAILED"))).isEmpty();
        assertThat(OrderCensus.check("v", order("FAILED", "OrderValidationFailed", "PENDING", "FAILED"))).isEmpty();
        assertThat(OrderCensus.check("e", order("EXPIRED", null, "PENDING", "EXPIRED"))).isEmpty();
    }

    @Test
    void each_broken_invariant_is_reported() throws Exception {
        assertThat(OrderCensus.check("a", order("CONFIRMED", null, "PENDING", "VALIDATED", "RESERVED", "CHARGED",
                "COMPENSATING:payment refunded", "CONFIRMED"))).singleElement().asString().contains("CONFIRMED with");
        assertThat(OrderCensus.check("b", order("CONFIRMED", null, "PENDING", "VALIDATED", "RESERVED", "CHARGED",
                "CHARGED", "CONFIRMED"))).anySatisfy(v -> assertThat(v).contains("CHARGED twice"));
        assertThat(OrderCensus.check("c", order("FAILED", "x", "PENDING", "VALIDATED", "RESERVED",
                "COMPENSATING:reservation released", "FAILED"))).singleElement().asString().contains("never refunded");
        assertThat(OrderCensus.check("d", order("FAILED", "x", "PENDING", "VALIDATED",
                "COMPENSATING:compensation begun", "FAILED"))).singleElement().asString().contains("never released");
        assertThat(OrderCensus.check("e", order("FAILED", "needs attention: Boom; not undone: charge", "PENDING",
                "VALIDATED", "RESERVED", "COMPENSATING:reservation released", "COMPENSATING:payment refunded",
                "FAILED"))).singleElement().asString().contains("needing attention");
        assertThat(OrderCensus.check("f", order("EXPIRED", null, "PENDING", "VALIDATED", "EXPIRED"))).hasSize(1);
        assertThat(OrderCensus.check("g", order("CHARGED", null, "PENDING", "VALIDATED", "RESERVED", "CHARGED")))
                .singleElement().asString().contains("not terminal");
    }

    /** An order as GET /orders/{id} answers it; "COMPENSATING:why" is a COMPENSATING entry with its reason. */
    private static JsonNode order(String status, String failureReason, String... history) throws Exception {
        var order = Http.JSON.createObjectNode().put("orderId", "o").put("status", status);
        var changes = order.putArray("history");
        for (String h : history) {
            var change = changes.addObject().put("status", h.split(":", 2)[0]).put("at", "2026-12-02T10:00:00.000Z");
            if (h.contains(":")) {
                change.put("reason", h.split(":", 2)[1]);
            }
        }
        if (failureReason != null) {
            order.put("failureReason", failureReason);
        }
        return order;
    }
}
