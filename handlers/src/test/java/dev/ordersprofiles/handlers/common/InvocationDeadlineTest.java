package dev.ordersprofiles.handlers.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.support.TestContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The invocation's deadline, which bounds every AWS call made for it (docs/architecture.md §7.1). */
class InvocationDeadlineTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static Context remaining(int millis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis") ? millis : null);
    }

    @Test
    void the_deadline_is_the_remaining_time_less_the_margin_to_answer() {
        assertThat(Invocation.deadline(NOW, remaining(20_000))).isEqualTo(NOW.plusMillis(19_500));
        assertThat(Invocation.ANSWER_MARGIN).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void a_function_with_less_time_than_the_margin_has_a_deadline_already_past() {
        assertThat(Invocation.deadline(NOW, remaining(200))).isEqualTo(NOW.minusMillis(300));
    }

    @Test
    void without_a_context_or_remaining_time_there_is_no_deadline() {
        assertThat(Invocation.deadline(NOW, null)).isNull();
        assertThat(Invocation.deadline(NOW, remaining(0))).isNull();
    }

    @Test
    void the_current_invocations_deadline_is_known_on_its_thread_until_it_closes() {
        Invocations invocations = new Invocations("test-function");
        assertThat(Invocation.currentDeadline()).isEmpty();
        Instant before = Instant.now();

        try (Invocation ignored = invocations.start(new TestContext())) {
            assertThat(Invocation.currentDeadline()).hasValueSatisfying(deadline -> assertThat(deadline)
                    .isAfterOrEqualTo(before.plusMillis(30_000 - 500))
                    .isBeforeOrEqualTo(Instant.now().plusMillis(30_000 - 500)));
        }

        assertThat(Invocation.currentDeadline()).isEmpty();
    }
}
