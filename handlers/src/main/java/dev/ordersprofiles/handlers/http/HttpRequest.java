package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to a REST proxy event: case-insensitive headers, path parameters, the decoded body. */
final class HttpRequest {
    private final APIGatewayProxyRequestEvent event;

    HttpRequest(APIGatewayProxyRequestEvent event) {
        this.event = event;
    }

    APIGatewayProxyRequestEvent event() {
        return event;
    }

    /** A header's value; header names are case-insensitive; single-value headers win over multi-value ones. */
    Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null) {
                    return Optional.of(h.getValue());
                }
            }
        }
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if (multi != null) {
            for (Map.Entry<String, List<String>> h : multi.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null
                        && !h.getValue().isEmpty()) {
                    return Optional.ofNullable(h.getValue().get(0));
                }
            }
        }
        return Optional.empty();
    }

    Optional<String> pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    /**
     * A query parameter's value. Given more than once (API Gateway then keeps the last one in the single-value map)
     * it is a field error, so that a request never means something other than what the caller wrote.
     */
    Optional<String> queryParameter(Fields fields, String name) {
        Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
        if (multi != null && multi.get(name) != null && multi.get(name).size() > 1) {
            fields.add(name, "must be given at most once");
            return Optional.empty();
        }
        Map<String, String> params = event.getQueryStringParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    /** The body's bytes (base64-decoded when API Gateway says so), or empty when there is no body. */
    Optional<byte[]> body() {
        String body = event.getBody();
        if (body == null) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Optional.of(Base64.getMimeDecoder().decode(body));
            } catch (IllegalArgumentException e) {
                throw RequestRejected.badRequest("The body is marked base64-encoded but is not valid base64.");
            }
        }
        return Optional.of(body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code "POST /orders/{id}"}: the method and the route template, never the raw path (it carries ids). */
    String route() {
        String resource = event.getResource() != null ? event.getResource() : event.getPath();
        return event.getHttpMethod() + " " + resource;
    }
}
