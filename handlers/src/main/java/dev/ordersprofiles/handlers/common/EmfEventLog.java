package dev.ordersprofiles.handlers.common;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each business event as one CloudWatch Embedded Metric Format line on stdout: a count of 1 of the event's
 * metric (OrdersPlaced, OrdersConfirmed, ...) in {@code namespace}, with the dimension set (service, function).
 * CloudWatch Logs extracts the metric; the other members (request id, order id, reason) stay searchable in the
 * log. Recording never throws.
 */
public final class EmfEventLog implements EventLog {
    public static final String SERVICE = "orders-profiles";

    private final String namespace;
    private final Clock clock;

    public EmfEventLog(String namespace, Clock clock) {
        this.namespace = namespace;
        this.clock = clock;
    }

    @Override
    public void record(BusinessEvent event) {
        try {
            Stdout.line(Invocation.write(document(event)));
        } catch (RuntimeException e) {
            // Metrics must never fail the business operation.
        }
    }

    Map<String, Object> document(BusinessEvent event) {
        String metric = event.metricName();
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.of("service", "function")));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("Name", metric);
        definition.put("Unit", "Count");
        directive.put("Metrics", List.of(definition));
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", clock.millis());
        aws.put("CloudWatchMetrics", List.of(directive));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("_aws", aws);
        doc.put("service", SERVICE);
        doc.put("function", Invocation.current().map(Invocation::function).orElse("unknown"));
        doc.put(metric, 1);
        Invocation.current().ifPresent(inv -> doc.put("requestId", inv.requestId()));
        doc.put("event", event.getClass().getSimpleName());
        if (event instanceof BusinessEvent.OrderPlaced e) {
            doc.put("orderId", e.orderId().value());
        } else if (event instanceof BusinessEvent.OrderConfirmed e) {
            doc.put("orderId", e.orderId().value());
        } else if (event instanceof BusinessEvent.OrderFailed e) {
            doc.put("orderId", e.orderId().value());
            doc.put("reason", e.reason());
        } else if (event instanceof BusinessEvent.OrderNeedsAttention e) {
            doc.put("orderId", e.orderId().value());
            doc.put("reason", e.reason());
        } else if (event instanceof BusinessEvent.OrderExpired e) {
            doc.put("orderId", e.orderId().value());
        }
        return doc;
    }
}
