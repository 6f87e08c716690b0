package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CORS headers of actual responses. With a Lambda proxy integration API Gateway answers the preflight
 * (the {@code Cors} setting of the Api in sam/template.yaml) but passes the function's response through untouched,
 * so the function itself must name the allowed origin (CORS_ALLOW_ORIGIN, the docs site) on every answer, errors
 * included, or the browser hides the response from the page.
 */
record Cors(Optional<String> allowOrigin) {

    static Cors of(HandlerConfig config) {
        return new Cors(config.corsAllowOrigin().filter(origin -> !origin.isBlank()));
    }

    APIGatewayProxyResponseEvent apply(APIGatewayProxyResponseEvent response) {
        if (allowOrigin.isEmpty()) {
            return response;
        }
        Map<String, String> headers = response.getHeaders() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(response.getHeaders());
        headers.put("Access-Control-Allow-Origin", allowOrigin.get());
        // Location (POST /orders) is not a CORS-safelisted response header: without this the page cannot read it.
        headers.put("Access-Control-Expose-Headers", "Location");
        headers.put("Vary", "Origin");
        return response.withHeaders(headers);
    }
}
