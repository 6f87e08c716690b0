package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outcome of one {@link TaskInvoker} call. */
public sealed interface InvocationResult
        permits InvocationResult.Success, InvocationResult.FunctionError, InvocationResult.ServiceError {

    /** The function returned; {@code payloadJson} is its response document. */
    record Success(String payloadJson, String executedVersion) implements InvocationResult {}

    /**
     * The function ran and failed (Lambda's {@code X-Amz-Function-Error}). Step Functions reports
     * {@code errorType} as the error name ({@code Lambda.Unknown} when absent) and {@code rawJson}, the whole
     * error document, as the cause.
     */
    record FunctionError(String errorType, String errorMessage, String rawJson) implements InvocationResult {}

    /**
     * The Invoke API call itself failed; {@code errorName} is what Step Functions reports, e.g.
     * {@code Lambda.TooManyRequestsException} (HTTP 429) or {@code Lambda.ServiceException} (500).
     */
    record ServiceError(String errorName, String message, int httpStatus) implements InvocationResult {}

    static InvocationResult success(String payloadJson) {
        return new Success(payloadJson, "$LATEST");
    }

    /** A function error as the Java runtime reports an exception: errorType is the class's binary name. */
    static InvocationResult functionError(String errorType, String errorMessage) {
        ObjectNode raw = Json.object();
        raw.put("errorMessage", errorMessage);
        raw.put("errorType", errorType);
        raw.putArray("stackTrace");
        return new FunctionError(errorType, errorMessage, Json.write(raw));
    }

    /** A function error from the error document a runtime returned, e.g. {"errorMessage":..,"errorType":..}. */
    static InvocationResult functionErrorFromPayload(String rawJson) {
        String type = null;
        String message = null;
        try {
            JsonNode doc = Json.parse(rawJson);
            type = doc.path("errorType").isTextual() ? doc.get("errorType").asText() : null;
            message = doc.path("errorMessage").isTextual() ? doc.get("errorMessage").asText() : null;
        } catch (IllegalArgumentException e) {
            // not JSON: Step Functions still reports the raw text as the cause
        }
        return new FunctionError(type, message, rawJson);
    }

    static InvocationResult throttled() {
        return new ServiceError("Lambda.TooManyRequestsException", "Rate Exceeded.", 429);
    }

    static InvocationResult serviceException(String message) {
        return new ServiceError("Lambda.ServiceException", message, 500);
    }
}
