package dev.ordersprofiles.application.shared;

/**
 * A dependency a port needs (a database, a payment or workflow service) could not be reached or kept failing after
 * the adapter's own retries: a throttle, a timeout, a 5xx, a broken connection. Transient by definition: the same call
 * may succeed later, and every workflow step is idempotent, so repeating it is safe.
 *
 * <p>Its fully qualified class name is part of the workflow contract: the Lambda Java runtime reports it as the
 * error type, and sam/statemachine/place-order.asl.json retries it on every task. Adapters throw it for outages only,
 * never for a business answer ("not found", "condition failed").
 */
public class DependencyUnavailable extends RuntimeException {

    public DependencyUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
