package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.FN;
import static dev.ordersprofiles.local.asl.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryAndCatchTest {

    /** A function that fails with the given error types in turn, then succeeds; records virtual call times. */
    private static final class Flaky {
        final Deque<String> errors;
        final List<Instant> times = new ArrayList<>();

        Flaky(String... errors) {
            this.errors = new ArrayDeque<>(List.of(errors));
        }

        void install(Harness h) {
            h.function("X", in -> {
                times.add(h.scheduler.now());
                String next = errors.poll();
                if (next == null) {
                    return InvocationResult.success("\"done\"");
                }
                return next.startsWith("Lambda.") ? new InvocationResult.ServiceError(next, "transient", 500)
                        : InvocationResult.functionError(next, "failed with " + next);
            });
        }

        List<Long> secondsBetweenCalls() {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(Duration.between(times.get(i - 1), times.get(i)).toMillis() / 1000);
            }
            return gaps;
        }
    }

    private static String task(String retry, String catchers) {
        return "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "X\",\"Retry\":" + retry
                + ",\"Catch\":" + catchers + ",\"End\":true},\"Z\":{\"Type\":\"Pass\",\"End\":true}}}";
    }

    /** The specification's retrier example: ErrorA, ErrorB, ErrorC, ErrorB -> waits 1, 2, 5, then Catch to Z. */
    @Test
    void spec_example_retriers_count_separately_and_an_exhausted_retrier_goes_to_catch() {
        Harness h = new Harness();
        Flaky flaky = new Flaky("ErrorA", "ErrorB", "ErrorC", "ErrorB");
        flaky.install(h);
        Execution e = h.run(task("""
                [{"ErrorEquals":["ErrorA","ErrorB"],"IntervalSeconds":1,"BackoffRate":2.0,"MaxAttempts":2},
                 {"ErrorEquals":["ErrorC"],"IntervalSeconds":5}]""",
                "[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Z\"}]"), "{}");
        assertThat(flaky.secondsBetweenCalls()).containsExactly(1L, 2L, 5L);
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output().get("Error").asText()).isEqualTo("ErrorB");
        assertThat(Harness.events(e, "LambdaFunctionFailed")).hasSize(4);
        assertThat(Harness.types(e)).containsSubsequence("TaskStateExited", "PassStateEntered");
    }

    @Test
    void max_attempts_zero_never_retries() {
        Harness h = new Harness();
        Flaky flaky = new Flaky("Boom");
        flaky.install(h);
        Execution e = h.run(task("[{\"ErrorEquals\":[\"Boom\"],\"MaxAttempts\":0}]", "[]"), "{}");
        assertThat(flaky.times).hasSize(1);
        assertThat(e.error()).isEqualTo("Boom");
    }

    @Test
    void backoff_is_capped_by_max_delay_seconds() {
        Harness h = new Harness();
        Flaky flaky = new Flaky("E", "E", "E", "E");
        flaky.install(h);
        Execution e = h.run(task("[{\"ErrorEquals\":[\"E\"],\"IntervalSeconds\":3,\"BackoffRate\":3,\"MaxAttempts\":4,"
                + "\"MaxDelaySeconds\":20}]", "[]"), "{}");
        assertThat(flaky.secondsBetweenCalls()).containsExactly(3L, 9L, 20L, 20L);
        assertThat(e.output()).isEqualTo(json("\"done\""));
        assertThat(Harness.events(e, "LambdaFunctionScheduled")).hasSize(5);
    }

    @Test
    void full_jitter_waits_at_most_the_computed_delay() {
        Harness h = new Harness();
        Flaky flaky = new Flaky("Lambda.TooManyRequestsException", "Lambda.TooManyRequestsException",
                "Lambda.TooManyRequestsException");
        flaky.install(h);
        Execution e = h.run(task("[{\"ErrorEquals\":[\"Lambda.TooManyRequestsException\"],\"IntervalSeconds\":10,"
                + "\"MaxAttempts\":3,\"BackoffRate\":2,\"JitterStrategy\":\"FULL\"}]", "[]"), "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i < flaky.times.size(); i++) {
            millis.add(Duration.between(flaky.times.get(i - 1), flaky.times.get(i)).toMillis());
        }
        assertThat(millis.get(0)).isBetween(0L, 10_000L);
        assertThat(millis.get(1)).isBetween(0L, 20_000L);
        assertThat(millis.get(2)).isBetween(0L, 40_000L);
        assertThat(millis).isNotEqualTo(List.of(10_000L, 20_000L, 40_000L));
    }

    @Test
    void retry_count_is_visible_in_the_context_object() {
        Harness h = new Harness();
        List<String> payloads = new ArrayList<>();
        h.function("Count", in -> {
            payloads.add(in);
            return payloads.size() < 3 ? InvocationResult.throttled() : InvocationResult.success("{}");
        });
        h.run("{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                + "\"Parameters\":{\"FunctionName\":\"Count\",\"Payload\":{\"retry.$\":\"$$.State.RetryCount\"}},"
                + "\"Retry\":[{\"ErrorEquals\":[\"Lambda.TooManyRequestsException\"]}],\"End\":true}}}", "{}");
        assertThat(payloads).containsExactly("{\"retry\":0}", "{\"retry\":1}", "{\"retry\":2}");
    }

    @Test
    void task_failed_matches_any_error_except_timeout() {
        Harness h = new Harness();
        new Flaky("custom.Error").install(h);
        Execution e = h.run(task("[]", "[{\"ErrorEquals\":[\"States.TaskFailed\"],\"ResultPath\":\"$.err\",\"Next\":\"Z\"}]"),
                "{\"keep\":1}");
        assertThat(e.output().get("keep").asInt()).isEqualTo(1);
        assertThat(e.output().at("/err/Error").asText()).isEqualTo("custom.Error");
        assertThat(json(e.output().at("/err/Cause").asText()).get("errorMessage").asText())
                .isEqualTo("failed with custom.Error");
    }

    @Test
    void catchers_are_tried_in_order_and_named_errors_match_exactly() {
        Harness h = new Harness();
        new Flaky("B").install(h);
        Execution e = h.run("{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "X\","
                + "\"Catch\":[{\"ErrorEquals\":[\"A\"],\"Next\":\"GotA\"},{\"ErrorEquals\":[\"B\"],\"Next\":\"GotB\"},"
                + "{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"GotAll\"}],\"End\":true},"
                + "\"GotA\":{\"Type\":\"Succeed\"},\"GotB\":{\"Type\":\"Succeed\"},\"GotAll\":{\"Type\":\"Succeed\"}}}", "{}");
        assertThat(Harness.events(e, "SucceedStateEntered").get(0).stateName()).isEqualTo("GotB");
    }

    @Test
    void states_all_does_not_catch_a_States_Runtime_failure() {
        Execution e = new Harness().run("{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Task\",\"Resource\":\"" + FN
                + "X\",\"InputPath\":\"$.missing\",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Z\"}],"
                + "\"End\":true},\"Z\":{\"Type\":\"Pass\",\"End\":true}}}", "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.Runtime");
    }

    @Test
    void a_result_path_that_cannot_be_applied_is_a_catchable_States_ResultPathMatchFailure() {
        Harness h = new Harness().returning("X", "1");
        Execution e = h.run("{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "X\","
                + "\"ResultPath\":\"$.s.deeper\",\"Catch\":[{\"ErrorEquals\":[\"States.ResultPathMatchFailure\"],"
                + "\"ResultPath\":null,\"Next\":\"Z\"}],\"End\":true},\"Z\":{\"Type\":\"Pass\",\"End\":true}}}",
                "{\"s\":\"scalar\"}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"s\":\"scalar\"}"));
    }
}
