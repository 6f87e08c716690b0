package dev.ordersprofiles.local.template;

/**
 * The REST API's stage: its name and the stage-wide throttling (token bucket: {@code rateLimit} requests per
 * second, {@code burstLimit} tokens); a limit of 0 or less means none was set.
 */
public record ApiStage(String stageName, double rateLimit, int burstLimit) {
    public static final ApiStage DEFAULT = new ApiStage("Prod", 10_000, 5_000);
}
