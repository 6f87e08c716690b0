package dev.ordersprofiles.sam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fixed cross-module contracts of docs/architecture.md §7 that the template must honour. */
final class Contract {
    private Contract() {
    }

    /** Template logical id -> handler class (method handleRequest). */
    static final Map<String, String> HANDLERS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("HealthFunction", "dev.ordersprofiles.handlers.http.HealthHandler");
        m.put("ProfilesUpsertFunction", "dev.ordersprofiles.handlers.http.UpsertProfileHandler");
        m.put("ProfilesGetFunction", "dev.ordersprofiles.handlers.http.GetProfileHandler");
        m.put("OrdersCreateFunction", "dev.ordersprofiles.handlers.http.PlaceOrderHandler");
        m.put("OrdersGetFunction", "dev.ordersprofiles.handlers.http.GetOrderHandler");
        m.put("OrdersListFunction", "dev.ordersprofiles.handlers.http.ListMyOrdersHandler");
        m.put("ValidateOrderFunction", "dev.ordersprofiles.handlers.workflow.ValidateOrderHandler");
        m.put("ReserveInventoryFunction", "dev.ordersprofiles.handlers.workflow.ReserveInventoryHandler");
        m.put("ChargePaymentFunction", "dev.ordersprofiles.handlers.workflow.ChargePaymentHandler");
        m.put("ConfirmOrderFunction", "dev.ordersprofiles.handlers.workflow.ConfirmOrderHandler");
        m.put("ReleaseInventoryFunction", "dev.ordersprofiles.handlers.workflow.ReleaseInventoryHandler");
        m.put("RefundPaymentFunction", "dev.ordersprofiles.handlers.workflow.RefundPaymentHandler");
        m.put("MarkOrderFailedFunction", "dev.ordersprofiles.handlers.workflow.MarkOrderFailedHandler");
        m.put("ProfilesStreamWelcomeFunction", "dev.ordersprofiles.handlers.stream.WelcomeProfileHandler");
        m.put("OrdersCleanupFunction", "dev.ordersprofiles.handlers.schedule.ExpireStaleOrdersHandler");
        m.put("RdsWelcomeFunction", "dev.ordersprofiles.handlers.rds.RdsWelcomeHandler");
        HANDLERS = Map.copyOf(m);
    }

    /** Environment variables the handlers read (plus JVM options), and nothing else. */
    static final Set<String> ENVIRONMENT = Set.of("ORDERS_TABLE", "PROFILES_TABLE", "IDEMPOTENCY_TABLE",
            "STATE_MACHINE_ARN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SFN",
            "ORDERS_PROFILES_ADAPTERS", "PENDING_ORDER_TIMEOUT_SECONDS", "ORDER_RETENTION_DAYS",
            "PENDING_INDEX_SHARDS", "ORDER_STUCK_AFTER_SECONDS", "SIM_STOCK", "SIM_DECLINE_ABOVE", "METRICS_NAMESPACE", "CORS_ALLOW_ORIGIN", "JAVA_TOOL_OPTIONS");

    /** Every function needs the tables (without one a deployed handler refuses to start). */
    static final Set<String> ENVIRONMENT_EVERY_FUNCTION = Set.of("ORDERS_TABLE", "PROFILES_TABLE", "IDEMPOTENCY_TABLE");

    /** The workflow's business errors: Java runtime errorType = fully qualified class name. */
    static final String ORDER_VALIDATION_FAILED = "dev.ordersprofiles.application.order.OrderValidationFailed";
    static final String OUT_OF_STOCK = "dev.ordersprofiles.application.order.OutOfStock";
    static final String PAYMENT_DECLINED = "dev.ordersprofiles.application.order.PaymentDeclined";
    /** The transient error (an outage after the client's retries) every task retries; the handlers' errorType. */
    static final String DEPENDENCY_UNAVAILABLE = "dev.ordersprofiles.application.shared.DependencyUnavailable";
    static final List<String> BUSINESS_ERRORS = List.of(ORDER_VALIDATION_FAILED, OUT_OF_STOCK, PAYMENT_DECLINED);

    /** The only public route. */
    static final String PUBLIC_ROUTE = "GET /health";

    static final String CODE_URI = "../handlers/target/function.jar";
}
