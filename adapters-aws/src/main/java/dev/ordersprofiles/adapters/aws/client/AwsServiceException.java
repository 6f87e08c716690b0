package dev.ordersprofiles.adapters.aws.client;

import java.time.Instant;
import java.util.Optional;

/**
 * An AWS service answered with an error: its short error code ({@code ConditionalCheckFailedException},
 * {@code ExecutionAlreadyExists}, …), the HTTP status, the message and the request id. The raw error body stays
 * available for errors that carry data (DynamoDB's ConditionalCheckFailedException with ALL_OLD carries the item).
 */
public final class AwsServiceException extends RuntimeException {
    private final String service;
    private final String errorCode;
    private final int statusCode;
    private final String requestId;
    private final transient byte[] body;
    private final transient Instant serverTime;

    public AwsServiceException(String service, String operation, String errorCode, String message, int statusCode,
                               String requestId, byte[] body) {
        this(service, operation, errorCode, message, statusCode, requestId, body, null);
    }

    /** @param serverTime the response's Date header, when it had a readable one (null otherwise) */
    AwsServiceException(String service, String operation, String errorCode, String message, int statusCode,
                        String requestId, byte[] body, Instant serverTime) {
        super(service + " " + operation + " failed: " + errorCode + " (HTTP " + statusCode + ")"
                + (message == null || message.isBlank() ? "" : ": " + message)
                + (requestId == null ? "" : " [request id " + requestId + "]"));
        this.service = service;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
        this.requestId = requestId;
        this.body = body == null ? new byte[0] : body.clone();
        this.serverTime = serverTime;
    }

    /** The service's clock when it answered (the response's Date header), if known. */
    Optional<Instant> serverTime() {
        return Optional.ofNullable(serverTime);
    }

    public String service() {
        return service;
    }

    public String errorCode() {
        return errorCode;
    }

    public int statusCode() {
        return statusCode;
    }

    public String requestId() {
        return requestId;
    }

    public byte[] body() {
        return body.clone();
    }

    public boolean is(String code) {
        return errorCode.equals(code);
    }
}
