package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lambda:invoke.waitForTaskToken with SendTaskSuccess/Failure/Heartbeat, HeartbeatSeconds and TimeoutSeconds, on
 * virtual time. Expectations from AWS's documentation of the callback pattern and of the history events
 * (TaskSubmitted after the call, then TaskSucceeded, TaskFailed or TaskTimedOut); moto cannot check these, as its
 * Lambda needs Docker.
 */
class TaskTokenTest {

    private final Harness h = new Harness();
    private final List<String> tokens = new ArrayList<>();

    private static String machine(String extra) {
        return Harness.q("""
                {'StartAt':'Wait','States':{
                  'Wait':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                    'Parameters':{'FunctionName':'worker','Payload':{'token.$':'$$.Task.Token','job.$':'$.job'}},
                    %s
                    'End':true},
                  'Caught':{'Type':'Pass','End':true}}}""".formatted(extra));
    }

    private Execution start(String definition) {
        h.function("worker", payload -> {
            tokens.add(Harness.json(payload).get("token").asText());
            return InvocationResult.success("{\"accepted\":true}");
        });
        Execution e = h.executions.start(StateMachine.load(Harness.SM_ARN, definition), "exec", "{\"job\":7}");
        h.scheduler.advance(Duration.ZERO);
        return e;
    }

    @Test
    void the_task_waits_for_send_task_success_with_the_token_it_gave_the_function() {
        Execution e = start(machine(""));

        assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0)).matches("[A-Za-z0-9_-]{64}");
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSubmitted");
        HistoryEvent submitted = Harness.events(e, "TaskSubmitted").get(0);
        assertThat(submitted.details().get("resource").asText()).isEqualTo("invoke.waitForTaskToken");
        assertThat(Harness.json(submitted.details().get("output").asText()).get("Payload"))
                .isEqualTo(Harness.json("{\"accepted\":true}"));
        assertThatThrownBy(() -> h.executions.sendTaskSuccess(tokens.get(0), "not json"))
                .isInstanceOfSatisfying(TaskTokenRejected.class,
                        r -> assertThat(r.reason()).isEqualTo(TaskTokenRejected.Reason.InvalidOutput));

        h.executions.sendTaskSuccess(tokens.get(0), "{\"done\":42}");
        h.scheduler.runUntilDone(e.completion());

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(Harness.json("{\"done\":42}"));
        assertThat(Harness.types(e)).endsWith("TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(rejection(() -> h.executions.sendTaskSuccess(tokens.get(0), "{}")))
                .as("the task has closed").isEqualTo(TaskTokenRejected.Reason.TaskTimedOut);
        assertThat(rejection(() -> h.executions.sendTaskHeartbeat(tokens.get(0))))
                .isEqualTo(TaskTokenRejected.Reason.TaskTimedOut);
        assertThat(rejection(() -> h.executions.sendTaskHeartbeat("not-a-token")))
                .isEqualTo(TaskTokenRejected.Reason.InvalidToken);
        assertThat(rejection(() -> h.executions.sendTaskFailure("A".repeat(64), "E", null)))
                .as("well-formed, never issued").isEqualTo(TaskTokenRejected.Reason.TaskDoesNotExist);
    }

    @Test
    void send_task_failure_fails_the_task_with_its_error_and_the_state_catches_it() {
        Execution e = start(machine("""
                'Catch':[{'ErrorEquals':['Worker.Refused'],'ResultPath':'$.error','Next':'Caught'}],"""));

        h.executions.sendTaskFailure(tokens.get(0), "Worker.Refused", "no capacity");
        h.scheduler.runUntilDone(e.completion());

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(Harness.json(
                "{\"job\":7,\"error\":{\"Error\":\"Worker.Refused\",\"Cause\":\"no capacity\"}}"));
        HistoryEvent failed = Harness.events(e, "TaskFailed").get(0);
        assertThat(failed.details().get("error").asText()).isEqualTo("Worker.Refused");
        assertThat(failed.details().get("cause").asText()).isEqualTo("no capacity");
    }

    @Test
    void a_retry_gives_the_new_attempt_a_new_token_and_the_old_one_is_gone() {
        Execution e = start(machine("""
                'Retry':[{'ErrorEquals':['Worker.Busy'],'IntervalSeconds':1,'MaxAttempts':1}],"""));

        h.executions.sendTaskFailure(tokens.get(0), "Worker.Busy", null);
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(1)).isNotEqualTo(tokens.get(0));
        assertThat(rejection(() -> h.executions.sendTaskSuccess(tokens.get(0), "{}")))
                .isEqualTo(TaskTokenRejected.Reason.TaskTimedOut);
        h.executions.sendTaskSuccess(tokens.get(1), "\"second\"");
        h.scheduler.runUntilDone(e.completion());
        assertThat(e.output()).isEqualTo(Harness.json("\"second\""));
        assertThat(Harness.events(e, "TaskFailed").get(0).details().has("cause")).isFalse();
    }

    @Test
    void heartbeats_keep_the_task_alive_and_a_missed_one_times_it_out() {
        Execution e = start(machine("'TimeoutSeconds':100,'HeartbeatSeconds':10,"));

        h.scheduler.advance(Duration.ofSeconds(8));
        h.executions.sendTaskHeartbeat(tokens.get(0));
        h.scheduler.advance(Duration.ofSeconds(8));
        assertThat(e.status()).as("16 s after the start, 8 s after the heartbeat").isEqualTo(ExecutionStatus.RUNNING);
        h.scheduler.advance(Duration.ofSeconds(3));

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(Harness.events(e, "TaskTimedOut").get(0).details().get("error").asText())
                .isEqualTo("States.HeartbeatTimeout");
        assertThat(rejection(() -> h.executions.sendTaskSuccess(tokens.get(0), "{}")))
                .isEqualTo(TaskTokenRejected.Reason.TaskTimedOut);
    }

    @Test
    void timeout_seconds_bounds_the_wait_for_the_answer() {
        Execution e = start(machine("'TimeoutSeconds':30,"));

        h.scheduler.advance(Duration.ofSeconds(29));
        assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.Timeout");
        assertThat(Harness.types(e)).contains("TaskSubmitted", "TaskTimedOut");
    }

    @Test
    void a_stopped_execution_takes_its_tokens_with_it() {
        Execution e = start(machine(""));

        h.executions.stop(e.arn(), null, null);
        h.scheduler.advance(Duration.ZERO);

        assertThat(rejection(() -> h.executions.sendTaskSuccess(tokens.get(0), "{}")))
                .isEqualTo(TaskTokenRejected.Reason.TaskTimedOut);
        assertThat(rejection(() -> h.executions.sendTaskHeartbeat(tokens.get(0))))
                .isEqualTo(TaskTokenRejected.Reason.TaskTimedOut);
        assertThat(e.status()).isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void a_failed_call_fails_the_task_without_waiting() {
        h.function("worker", payload -> InvocationResult.functionError("java.lang.IllegalStateException", "down"));
        Execution e = h.executions.start(StateMachine.load(Harness.SM_ARN, machine("")), "exec", "{\"job\":7}");
        h.scheduler.runUntilDone(e.completion());

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(Harness.types(e)).doesNotContain("TaskSubmitted").contains("TaskFailed");
    }

    @Test
    void a_jsonata_task_reads_the_token_from_states_context() {
        Execution e = start(Harness.q("""
                {'QueryLanguage':'JSONata','StartAt':'Wait','States':{
                  'Wait':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                    'Arguments':{'FunctionName':'worker','Payload':{'token':'{% $states.context.Task.Token %}'}},
                    'Output':'{% $states.result.n + 1 %}','End':true}}}"""));

        h.executions.sendTaskSuccess(tokens.get(0), "{\"n\":1}");
        h.scheduler.runUntilDone(e.completion());

        assertThat(e.output()).isEqualTo(Harness.json("2"));
    }

    @Test
    void the_token_is_in_the_context_object_only_for_a_callback_task() {
        Execution e = h.run(Harness.q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'ctx.$':'$$'},'End':true}}}"""), "{}");

        assertThat(e.output().get("ctx").has("Task")).isFalse();
    }

    @Test
    void heartbeat_seconds_must_be_below_timeout_seconds_and_sync_is_still_refused() {
        assertThatThrownBy(() -> StateMachine.load(Harness.SM_ARN, machine("'TimeoutSeconds':10,'HeartbeatSeconds':10,")))
                .isInstanceOf(AslDefinitionException.class)
                .hasMessageContaining("\"HeartbeatSeconds\" must be smaller than \"TimeoutSeconds\"");
        assertThatThrownBy(() -> StateMachine.load(Harness.SM_ARN, machine("").replace(".waitForTaskToken", ".sync")))
                .isInstanceOf(AslDefinitionException.class)
                .hasMessageContaining("the .sync integration pattern is not supported");
    }

    private static TaskTokenRejected.Reason rejection(Runnable call) {
        try {
            call.run();
        } catch (TaskTokenRejected e) {
            return e.reason();
        }
        throw new AssertionError("not rejected");
    }
}
