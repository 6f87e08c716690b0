package dev.ordersprofiles.handlers.http;

import java.util.List;

/**
 * The request itself is unacceptable (before any use case runs): it does not match the contract (400), carries no
 * usable identity (401), is too large (413) or is not JSON (415). {@link HttpErrorMapper} turns it into a problem.
 */
public final class RequestRejected extends RuntimeException {
    private final int status;
    private final String detail;
    private final List<FieldError> errors;

    private RequestRejected(int status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public static RequestRejected badRequest(String detail, List<FieldError> errors) {
        return new RequestRejected(400, detail, errors);
    }

    public static RequestRejected badRequest(String detail) {
        return new RequestRejected(400, detail, List.of());
    }

    public static RequestRejected invalidFields(List<FieldError> errors) {
        return new RequestRejected(400, "The request does not match the contract.", errors);
    }

    public static RequestRejected unauthenticated(String detail) {
        return new RequestRejected(401, detail, List.of());
    }

    public static RequestRejected tooLarge(int limit) {
        return new RequestRejected(413, "The body is larger than " + limit + " bytes.", List.of());
    }

    public static RequestRejected unsupportedMediaType() {
        return new RequestRejected(415, "The body must be application/json in UTF-8.", List.of());
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
