package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.internal.retry.SdkDefaultRetrySetting;
import software.amazon.awssdk.core.retry.RetryMode;

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
        assertThat(RetryPolicy.dynamoDb()).isEqualTo(new RetryPolicy(4, Duration.ofMillis(25), Duration.ofSeconds(1),
                Duration.ofSeconds(20)));
        assertThat(RetryPolicy.standard()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(20)));
    }

    /** The SDK as the oracle: its standard retry mode's attempts, base delays and maximum back-off. */
    @Test
    void the_standard_preset_is_the_sdks_standard_retry_mode() {
        RetryPolicy ours = RetryPolicy.standard();

        assertThat(ours.maxAttempts()).isEqualTo(SdkDefaultRetrySetting.maxAttempts(RetryMode.STANDARD));
        assertThat(ours.baseDelay()).isEqualTo(SdkDefaultRetrySetting.baseDelay(RetryMode.STANDARD));
        assertThat(ours.throttlingBaseDelay()).isEqualTo(SdkDefaultRetrySetting.throttledBaseDelay(RetryMode.STANDARD));
        assertThat(ours.maxDelay()).isEqualTo(SdkDefaultRetrySetting.MAX_BACKOFF);
        assertThat(RetryPolicy.dynamoDb().throttlingBaseDelay())
                .isEqualTo(SdkDefaultRetrySetting.throttledBaseDelay(RetryMode.STANDARD));
        assertThat(RetryPolicy.dynamoDb().maxDelay()).isEqualTo(SdkDefaultRetrySetting.MAX_BACKOFF);
    }

    @Test
    void throttles_back_off_from_one_second_doubling_up_to_twenty() {
        RetryPolicy policy = RetryPolicy.dynamoDb();

        assertThat(IntStream.rangeClosed(1, 8).mapToLong(retry -> policy.capMillis(retry, true)).boxed().toList())
                .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 20_000L, 20_000L, 20_000L);
    }

    @Test
    void other_failures_back_off_from_the_short_base() {
        assertThat(IntStream.rangeClosed(1, 3).mapToLong(retry -> RetryPolicy.dynamoDb().capMillis(retry, false))
                .boxed().toList()).containsExactly(25L, 50L, 100L);
        assertThat(IntStream.rangeClosed(1, 10).mapToLong(retry -> RetryPolicy.standard().capMillis(retry, false))
                .boxed().toList())
                .containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 12_800L, 20_000L, 20_000L);
    }

    @Test
    void a_throttle_is_told_from_other_errors() {
        assertThat(RetryPolicy.throttling(error(400, "ProvisionedThroughputExceededException"))).isTrue();
        assertThat(RetryPolicy.throttling(error(429, "HTTP429"))).isTrue();
        assertThat(RetryPolicy.throttling(error(503, "ServiceUnavailable"))).isFalse();
        assertThat(RetryPolicy.throttling(error(400, "ValidationException"))).isFalse();
    }

    @Test
    void full_jitter_draws_from_zero_to_the_cap_inclusive() {
        RetryPolicy policy = RetryPolicy.dynamoDb();
        List<Long> bounds = new ArrayList<>();
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                bounds.add(bound);
                return bound - 1;
            }
        };

        assertThat(policy.delayMillis(3, true, highest)).isEqualTo(4_000);
        assertThat(policy.delayMillis(2, false, highest)).isEqualTo(50);
        assertThat(bounds).containsExactly(4_001L, 51L);
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
    @CsvSource({"1, 25", "2, 50", "3, 100", "4, 200", "5, 400", "6, 800", "7, 1000", "30, 1000", "64, 1000",
            "2147483647, 1000"})
    void the_delay_stays_between_zero_and_the_capped_exponential(int retry, long cap) {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(25), Duration.ofSeconds(1));
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = policy.delayMillis(retry, false, ThreadLocalRandom.current());
            assertThat(delay).isBetween(0L, cap);
            max = Math.max(max, delay);
        }
        assertThat(max).as("full jitter spreads over the whole range").isGreaterThan(cap / 2);
    }

    @Test
    void no_delay_without_a_base_delay() {
        assertThat(RetryPolicy.none().delayMillis(1, true, ThreadLocalRandom.current())).isZero();
        assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1)).delayMillis(5, false,
                ThreadLocalRandom.current())).isZero();
    }

    @Test
    void a_large_base_delay_does_not_overflow() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofDays(3650), Duration.ofSeconds(2));

        for (int retry = 1; retry < 100; retry++) {
            assertThat(policy.capMillis(retry, true)).isEqualTo(2_000L);
            assertThat(policy.delayMillis(retry, true, ThreadLocalRandom.current())).isBetween(0L, 2_000L);
        }
    }
}
