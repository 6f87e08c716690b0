package dev.ordersprofiles.local.auth.hostedui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void five_failures_lock_the_name_for_a_minute_and_each_further_one_doubles_the_lock_up_to_fifteen_minutes() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("alice");
            assertThat(throttle.locked("alice")).isFalse();
        }
        throttle.failed("alice");
        assertThat(throttle.locked("alice")).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.locked("alice")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("alice")).isFalse();

        throttle.failed("alice"); // sixth: two minutes
        clock.advance(Duration.ofSeconds(119));
        assertThat(throttle.locked("alice")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("alice")).isFalse();

        for (int i = 0; i < 20; i++) {
            throttle.failed("alice");
        }
        clock.advance(LoginThrottle.LONGEST_LOCK.minusSeconds(1));
        assertThat(throttle.locked("alice")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("alice")).isFalse();
    }

    @Test
    void a_success_clears_the_name_and_names_are_counted_apart() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("alice");
        }
        throttle.succeeded("alice");
        throttle.failed("alice");
        assertThat(throttle.locked("alice")).isFalse();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("bob");
        }
        assertThat(throttle.locked("bob")).isTrue();
        assertThat(throttle.locked("alice")).isFalse();
    }
}
