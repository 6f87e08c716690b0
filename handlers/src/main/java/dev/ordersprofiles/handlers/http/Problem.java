package dev.ordersprofiles.handlers.http;

import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}); {@code errors} only on 400. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String TYPE_BASE = "https://ordersprofiles.dev/problems/";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }
}
