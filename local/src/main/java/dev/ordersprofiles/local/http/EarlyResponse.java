package dev.ordersprofiles.local.http;

/**
 * Sends a request's response before the code handling the request returns: API Gateway answers 504 when the
 * function's timeout has passed, even while the handler (run on the request's own thread) still runs.
 */
@FunctionalInterface
public interface EarlyResponse {
    /** Sends this response, unless one was already sent; true when it was. */
    boolean send(HttpResponse response);
}
