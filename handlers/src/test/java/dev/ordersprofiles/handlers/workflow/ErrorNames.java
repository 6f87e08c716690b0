package dev.ordersprofiles.handlers.workflow;

/**
 * The error names of the workflow contract (docs/architecture.md §7), spelled out as strings on purpose: the state machine's Catch
 * clauses match them, so a rename or move of the exception classes must break a test.
 */
final class ErrorNames {
    static final String VALIDATION_FAILED = "dev.ordersprofiles.application.order.OrderValidationFailed";
    static final String OUT_OF_STOCK = "dev.ordersprofiles.application.order.OutOfStock";
    static final String PAYMENT_DECLINED = "dev.ordersprofiles.application.order.PaymentDeclined";
    /** A step payload that does not match the stored order: a business error, compensated, never retried. */
    static final String PAYLOAD_MISMATCH = "dev.ordersprofiles.application.order.OrderPayloadMismatch";
    /** The transient error: an outage that outlasted the AWS client's retries; the state machine retries it. */
    static final String DEPENDENCY_UNAVAILABLE = "dev.ordersprofiles.application.shared.DependencyUnavailable";

    private ErrorNames() {
    }
}
