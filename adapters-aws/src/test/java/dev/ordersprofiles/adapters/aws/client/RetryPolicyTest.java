package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RetryPolicy}: what is retried and how long it waits. */
class RetryPolicyTest {

    private static AwsServiceException error(int status, String code) {
        return new AwsServiceException("DynamoDB", "PutItem", code, null, status, null, null);
    }

    @Test
    void needs_at_least_one_attempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void the_presets() {
        assertThat(RetryPolicy.dynamoDb()).isEqualTo(new RetryPolicy(4, Duration.ofMillis(25), Duration.ofSeconds(1)));
        assertThat(RetryPolicy.standard())
                .isEqualTo(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2)));
    }

    @ParameterizedTest
    @CsvSource({"500, InternalServerError", "500, HTTP500", "502, HTTP502", "503, ServiceUnavailable",
            "504, HTTP504", "400, ProvisionedThroughputExceededException", "400, ThrottlingException",
            "400, RequestLimitExceeded", "400, TransactionInProgressException", "400, Throttling",
            "429, TooManyRequestsException"})
    void retries_server_errors_and_throttling(int status, String code) {
        assertThat(RetryPolicy.dynamoDb().retryable(error(status, code))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"400, ConditionalCheckFailedException", "400, ValidationException",
            "400, TransactionCanceledException", "400, ResourceNotFoundException", "400, ExecutionAlreadyExists",
            "403, AccessDeniedException", "400, UnrecognizedClientException", "404, HTTP404"})
    void does_not_retry_client_errors(int status, String code) {
        assertThat(RetryPolicy.dynamoDb().retryable(error(status, code))).isFalse();
    }

    /** HTTP 429 is "Too Many Requests" whatever the body calls it; the AWS SDK counts it as throttling. */
    @ParameterizedTest
    @ValueSource(strings = {"HTTP429", "SlowDownPlease", "LimitExceededException"})
    void retries_any_429(String code) {
        assertThat(RetryPolicy.standard().retryable(error(429, code))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 20, 30, 63, 64, 1_000, Integer.MAX_VALUE})
    void the_delay_stays_between_zero_and_the_capped_exponential(int retry) {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(25), Duration.ofSeconds(1));
        long cap = Math.min(1_000, 25L << Math.min(retry, 20));
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = policy.delayMillis(retry);
            assertThat(delay).isBetween(0L, cap);
            max = Math.max(max, delay);
        }
        assertThat(max).as("full jitter spreads over the whole range").isGreaterThan(cap / 2);
    }

    @Test
    void no_delay_without_a_base_delay() {
        assertThat(RetryPolicy.none().delayMillis(1)).isZero();
        assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1)).delayMillis(5)).isZero();
    }

    @Test
    void a_large_base_delay_does_not_overflow() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofDays(3650), Duration.ofSeconds(2));

        for (int retry = 1; retry < 100; retry++) {
            assertThat(policy.delayMillis(retry)).isBetween(0L, 2_000L);
        }
    }
}
