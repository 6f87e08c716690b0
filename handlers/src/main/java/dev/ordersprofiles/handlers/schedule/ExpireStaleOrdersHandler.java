package dev.ordersprofiles.handlers.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.application.order.ReconcileOrders;
import dev.ordersprofiles.application.order.ReconcileReport;
import dev.ordersprofiles.handlers.common.Invocation;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EventBridge schedule: the reconciler (application ReconcileOrders). Expires every PENDING order past its deadline,
 * compensates and fails every order stuck in flight; answers {"expired", "failed", "needingAttention", "skipped",
 * "deferred"} (counts). The class keeps the name the template's function refers to. The
 * scheduled event (contracts/events/schedule-orders-cleanup.json) is taken as a plain map and not read: the run does
 * the same whatever triggered it, and the byte-stream entry point spares the cold start the runtime's serializer
 * set-up for ScheduledEvent.
 */
public final class ExpireStaleOrdersHandler extends MapHandler {
    private final Invocations invocations = new Invocations("orders-cleanup");
    private final ReconcileOrders reconciler;

    public ExpireStaleOrdersHandler() {
        this(Components.fromEnvironment());
    }

    public ExpireStaleOrdersHandler(OrdersComponent component) {
        this.reconciler = component.reconcileOrders();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (Invocation invocation = invocations.start(context)) {
            try {
                ReconcileReport report = reconciler.reconcile();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("expired", report.expired());
                result.put("failed", report.failed());
                result.put("needingAttention", report.needingAttention());
                result.put("skipped", report.skipped());
                result.put("deferred", report.deferred());
                invocation.put("outcome", "ok");
                result.forEach(invocation::put);
                return result;
            } catch (RuntimeException e) {
                invocation.put("outcome", "error");
                invocation.error(e);
                throw e;
            }
        }
    }
}
