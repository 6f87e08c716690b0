package dev.ordersprofiles.local.api;

import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.http.Limits;
import dev.ordersprofiles.local.http.RequestIds;
import dev.ordersprofiles.local.template.GatewayResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's own answers as the template customises them: its Gateway Responses by type, else its DEFAULT_4XX or
 * DEFAULT_5XX (what an uncustomised type inherits, status included), else the built-in answer. For the gateway
 * emulation ({@link ApiGateway}) and for what the server refuses before any route runs ({@link #serverAnswer}).
 */
public final class GatewayAnswers {
    private final Map<String, GatewayResponse> responses;
    private final String stageName;

    public GatewayAnswers(Map<String, GatewayResponse> responses, String stageName) {
        this.responses = Map.copyOf(responses);
        this.stageName = stageName;
    }

    /**
     * @param type the response type, or null for an answer of no type of its own (only the defaults cover it)
     * @param builtIn what API Gateway answers without Gateway Responses
     * @param context the {@code $context} variables besides {@code error.*} and {@code stage}
     */
    HttpResponse answer(String type, int status, String message, HttpResponse builtIn, Map<String, String> context) {
        GatewayResponse custom = type == null ? null : responses.get(type);
        String defaultType = status < 500 ? "DEFAULT_4XX" : "DEFAULT_5XX";
        if (custom == null) {
            custom = responses.get(defaultType);
        }
        if (custom == null) {
            return builtIn;
        }
        Map<String, String> variables = new HashMap<>(context);
        variables.put("error.message", message);
        variables.put("error.responseType", type == null ? defaultType : type);
        variables.put("stage", stageName);
        byte[] body = custom.jsonTemplate().map(t -> GatewayResponse.render(t, variables)
                .getBytes(StandardCharsets.UTF_8)).orElse(builtIn.body());
        Map<String, List<String>> headers = new LinkedHashMap<>(builtIn.headers());
        custom.headers().forEach((name, value) -> {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, List.of(value));
        });
        return new HttpResponse(custom.statusCode().orElse(status), headers, body);
    }

    /**
     * A request the server refused before any route ran (body or headers over the limits, a request line or path it
     * cannot parse): REQUEST_TOO_LARGE for 413, RESOURCE_NOT_FOUND for 404, the defaults otherwise.
     */
    public HttpResponse serverAnswer(int status, String message) {
        String type = switch (status) {
            case 413 -> "REQUEST_TOO_LARGE";
            case 404 -> "RESOURCE_NOT_FOUND";
            default -> null;
        };
        String requestId = RequestIds.next();
        return answer(type, status, message, Limits.gatewayError(status, message),
                Map.of("requestId", requestId, "extendedRequestId", requestId))
                .with("x-amzn-RequestId", requestId);
    }
}
