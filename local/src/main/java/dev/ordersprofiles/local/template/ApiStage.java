package dev.ordersprofiles.local.template;

import java.util.Optional;

/**
 * The REST API's stage: its name, the stage-wide throttling (token bucket: {@code rateLimit} requests per
 * second, {@code burstLimit} tokens; a limit of 0 or less means none was set) and the API's {@code Cors} setting,
 * when it has one.
 */
public record ApiStage(String stageName, double rateLimit, int burstLimit, Optional<Cors> cors) {
    public static final ApiStage DEFAULT = new ApiStage("Prod", 10_000, 5_000);

    public ApiStage(String stageName, double rateLimit, int burstLimit) {
        this(stageName, rateLimit, burstLimit, Optional.empty());
    }

    /**
     * SAM's {@code Cors} of an Api, the values without the quotes SAM wants around them: what the preflight
     * (an OPTIONS method on every path, answered by API Gateway) sends. {@code maxAge} is empty when not set.
     */
    public record Cors(String allowOrigin, String allowMethods, String allowHeaders, String maxAge) {
    }
}
