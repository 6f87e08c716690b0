package dev.ordersprofiles.handlers.http;

/** One offending part of a request: a JSON path into the body (e.g. {@code items[0].qty}), a header or a path parameter. */
public record FieldError(String field, String message) {
}
