package dev.ordersprofiles.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * The REST API's stage: its name, the stage-wide throttling (token bucket: {@code rateLimit} requests per
 * second, {@code burstLimit} tokens; a limit of 0 or less means none was set), the API's {@code Cors} setting,
 * when it has one, and its Gateway Responses by response type.
 */
public record ApiStage(String stageName, double rateLimit, int burstLimit, Optional<Cors> cors,
                       Map<String, GatewayResponse> gatewayResponses) {
    public static final ApiStage DEFAULT = new ApiStage("Prod", 10_000, 5_000);

    public ApiStage {
        gatewayResponses = Map.copyOf(gatewayResponses);
    }

    public ApiStage(String stageName, double rateLimit, int burstLimit) {
        this(stageName, rateLimit, burstLimit, Optional.empty());
    }

    public ApiStage(String stageName, double rateLimit, int burstLimit, Optional<Cors> cors) {
        this(stageName, rateLimit, burstLimit, cors, Map.of());
    }

    /**
     * SAM's {@code Cors} of an Api, the values without the quotes SAM wants around them: what the preflight
     * (an OPTIONS method on every path, answered by API Gateway) sends. {@code maxAge} is empty when not set.
     */
    public record Cors(String allowOrigin, String allowMethods, String allowHeaders, String maxAge) {
    }
}
