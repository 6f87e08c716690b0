package dev.ordersprofiles.handlers.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.application.order.ExpireStaleOrders;
import dev.ordersprofiles.application.order.ExpiryReport;
import dev.ordersprofiles.handlers.common.Invocation;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge schedule: expires every PENDING order past its deadline; answers {"expired": n, "skipped": m}. The
 * scheduled event (contracts/events/schedule-orders-cleanup.json) is taken as a plain map and not read: the run does
 * the same whatever triggered it, and the byte-stream entry point spares the cold start the runtime's serializer
 * set-up for ScheduledEvent.
 */
public final class ExpireStaleOrdersHandler extends MapHandler {
    private final Invocations invocations = new Invocations("orders-cleanup");
    private final ExpireStaleOrders expireStaleOrders;

    public ExpireStaleOrdersHandler() {
        this(Components.fromEnvironment());
    }

    public ExpireStaleOrdersHandler(OrdersComponent component) {
        this.expireStaleOrders = component.expireStaleOrders();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (Invocation invocation = invocations.start(context)) {
            try {
                ExpiryReport report = expireStaleOrders.expireStale();
                invocation.put("outcome", "ok").put("expired", report.expired()).put("skipped", report.skipped());
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("expired", report.expired());
                result.put("skipped", report.skipped());
                return result;
            } catch (RuntimeException e) {
                invocation.put("outcome", "error");
                invocation.error(e);
                throw e;
            }
        }
    }
}
