package dev.ordersprofiles.local.api;

/** Stage throttling as API Gateway does it: a token bucket of {@code burst} tokens refilled at {@code rate}/s. */
final class TokenBucket {
    private final double rate;
    private final double burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(double rate, int burst) {
        this.rate = rate;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastNanos = System.nanoTime();
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * rate);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
