package dev.ordersprofiles.adapters.aws.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When a failed call is tried again: connection and read failures (including a response whose CRC32 does not
 * match), HTTP 5xx, HTTP 429 and the throttling error codes, up to {@code maxAttempts} attempts in all, with "full
 * jitter" exponential back-off: before retry number n (1 for the first) a random pause between 0 and
 * min(maxDelay, base × 2^(n-1)), where the base is {@code throttlingBaseDelay} after a throttle and
 * {@code baseDelay} after any other failure, as in the AWS SDK's standard retry mode. Client errors such as a
 * failed condition are never retried. A retried conditional write that had in fact succeeded comes back as a
 * failed condition; the repositories' callers re-read in that case (as they must with the AWS SDK too).
 *
 * <p>The pauses are further bounded by the call's deadline ({@link AwsJsonClient}): a pause that would end past
 * it is not taken.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxDelay) {
    static final Set<String> THROTTLING = Set.of(
            "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
            "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "TransactionInProgressException",
            "BandwidthLimitExceeded", "EC2ThrottledException");

    /** The AWS SDK v2 standard retry mode (SdkDefaultRetrySetting.Standard): throttles back off from 1 s. */
    static final Duration SDK_THROTTLING_BASE_DELAY = Duration.ofSeconds(1);
    /** The AWS SDK v2's maximum back-off (SdkDefaultRetrySetting.MAX_BACKOFF). */
    static final Duration SDK_MAX_BACKOFF = Duration.ofSeconds(20);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(throttlingBaseDelay, "throttlingBaseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /** A policy that backs off from the same base after a throttle as after any other failure. */
    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this(maxAttempts, baseDelay, baseDelay, maxDelay);
    }

    /**
     * DynamoDB: 4 attempts; other failures from 25 ms (DynamoDB answers in milliseconds), throttles from 1 s up to
     * 20 s as the SDK's standard mode, so a throttled table gets seconds to recover rather than milliseconds.
     */
    public static RetryPolicy dynamoDb() {
        return new RetryPolicy(4, Duration.ofMillis(25), SDK_THROTTLING_BASE_DELAY, SDK_MAX_BACKOFF);
    }

    /** Other services: the SDK's standard mode: 3 attempts, 100 ms base, throttles from 1 s, 20 s cap. */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofMillis(100), SDK_THROTTLING_BASE_DELAY, SDK_MAX_BACKOFF);
    }

    /** One attempt only (tests that want to see the first failure). */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    boolean retryable(AwsServiceException error) {
        return error.statusCode() >= 500 || throttling(error);
    }

    static boolean throttling(AwsServiceException error) {
        return error.statusCode() == 429 || THROTTLING.contains(error.errorCode());
    }

    /** The longest pause before retry number {@code retry} (1 for the first retry). */
    long capMillis(int retry, boolean throttled) {
        long base = (throttled ? throttlingBaseDelay : baseDelay).toMillis();
        if (base <= 0) {
            return 0;
        }
        int doublings = Math.max(0, Math.min(retry - 1, 30));
        long max = maxDelay.toMillis();
        return base > (max >> doublings) ? max : Math.min(max, base << doublings);
    }

    /** The pause before retry number {@code retry}: uniformly random in [0, {@link #capMillis}]. */
    long delayMillis(int retry, boolean throttled, RandomGenerator random) {
        long cap = capMillis(retry, throttled);
        return cap <= 0 ? 0 : random.nextLong(cap + 1);
    }
}
