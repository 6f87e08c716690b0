package dev.ordersprofiles.local.http;

/**
 * How the server answers what it refuses before any route runs (a body or header over the limits, a request it
 * cannot parse): API Gateway's own {@code {"message": ...}} by default ({@link Limits#gatewayError}), or the
 * template's Gateway Responses on the stack's public port (api/GatewayAnswers.java).
 */
@FunctionalInterface
public interface ServerErrors {
    ServerErrors DEFAULT = Limits::gatewayError;

    HttpResponse answer(int status, String message);
}
