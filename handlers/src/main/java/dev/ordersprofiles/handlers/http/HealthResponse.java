package dev.ordersprofiles.handlers.http;

/** 200 body of GET /health. */
public record HealthResponse(boolean ok, String service) {
    static final HealthResponse UP = new HealthResponse(true, "serverless-api");
}
