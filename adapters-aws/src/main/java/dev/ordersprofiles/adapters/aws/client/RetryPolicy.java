package dev.ordersprofiles.adapters.aws.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed call is tried again: connection and read failures (including a response whose CRC32 does not
 * match), HTTP 5xx, HTTP 429 and the throttling error codes, up to {@code maxAttempts} attempts in all, with "full jitter"
 * exponential back-off (a random delay between 0 and min(maxDelay, baseDelay × 2^retry)). Client errors such as
 * a failed condition are never retried. A retried conditional write that had in fact succeeded comes back as a
 * failed condition; the repositories' callers re-read in that case (as they must with the AWS SDK too).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    static final Set<String> THROTTLING = Set.of(
            "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
            "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "TransactionInProgressException");

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** DynamoDB: 4 attempts, 25 ms base, 1 s cap (DynamoDB answers in milliseconds; a Lambda has seconds). */
    public static RetryPolicy dynamoDb() {
        return new RetryPolicy(4, Duration.ofMillis(25), Duration.ofSeconds(1));
    }

    /** Other services: 3 attempts, 100 ms base, 2 s cap (the SDK's standard mode). */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    /** One attempt only (tests that want to see the first failure). */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    boolean retryable(AwsServiceException error) {
        return error.statusCode() >= 500 || error.statusCode() == 429 || THROTTLING.contains(error.errorCode());
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    long delayMillis(int retry) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry, 20));
        return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
    }
}
