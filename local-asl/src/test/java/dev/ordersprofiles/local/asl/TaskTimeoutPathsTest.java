package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * HeartbeatSecondsPath and TimeoutSecondsPath (JSONPath) and JSONata HeartbeatSeconds/TimeoutSeconds expressions,
 * evaluated before the task is scheduled. A path with no value is States.Runtime with the cause LocalStack's
 * AWS-validated scenario tests record ("Invalid path '$.x' : No results for path: $['x']"); a value that is not a
 * positive integer is States.Runtime as well (our reading: AWS documents only that the value must be a positive
 * integer); a JSONata expression's is States.QueryEvaluationError, as for every JSONata field here.
 */
class TaskTimeoutPathsTest {

    private final Harness h = new Harness();
    private final List<String> tokens = new ArrayList<>();

    private static String callback(String limits) {
        return Harness.q("""
                {'StartAt':'Wait','States':{
                  'Wait':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                    'Parameters':{'FunctionName':'worker','Payload':{'token.$':'$$.Task.Token'}},
                    %s
                    'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}],'End':true},
                  'Caught':{'Type':'Pass','End':true}}}""".formatted(limits));
    }

    private Execution start(String definition, String input) {
        h.function("worker", payload -> {
            tokens.add(Harness.json(payload).get("token").asText());
            return InvocationResult.success("{}");
        });
        Execution e = h.executions.start(StateMachine.load(Harness.SM_ARN, definition), "exec", input);
        h.scheduler.advance(Duration.ZERO);
        return e;
    }

    @Test
    void heartbeat_seconds_path_reads_the_heartbeat_from_the_input_and_a_heartbeat_rearms_it() {
        Execution e = start(callback("'HeartbeatSecondsPath':'$.beat',"), "{\"beat\":10}");

        HistoryEvent scheduled = Harness.events(e, "TaskScheduled").get(0);
        assertThat(scheduled.details().get("heartbeatInSeconds").asInt()).isEqualTo(10);
        h.scheduler.advance(Duration.ofSeconds(9));
        h.executions.sendTaskHeartbeat(tokens.get(0));
        h.scheduler.advance(Duration.ofSeconds(9));
        assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
        h.scheduler.advance(Duration.ofSeconds(1));

        h.scheduler.runUntilDone(e.completion());
        assertThat(Harness.events(e, "TaskTimedOut").get(0).details().get("error").asText())
                .isEqualTo("States.HeartbeatTimeout");
        assertThat(e.stopDate()).isEqualTo(Harness.T0.plusSeconds(19));
    }

    @Test
    void a_jsonata_heartbeat_expression_is_evaluated_when_the_task_runs() {
        Execution e = start(Harness.q("""
                {'QueryLanguage':'JSONata','StartAt':'Wait','States':{
                  'Wait':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                    'Arguments':{'FunctionName':'worker','Payload':{'token':'{% $states.context.Task.Token %}'}},
                    'HeartbeatSeconds':'{% $states.input.beat * 2 %}','TimeoutSeconds':'{% $states.input.beat * 10 %}',
                    'End':true}}}"""), "{\"beat\":3}");

        HistoryEvent scheduled = Harness.events(e, "TaskScheduled").get(0);
        assertThat(scheduled.details().get("heartbeatInSeconds").asInt()).isEqualTo(6);
        assertThat(scheduled.details().get("timeoutInSeconds").asInt()).isEqualTo(30);
        h.scheduler.runUntilDone(e.completion());
        assertThat(e.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(e.stopDate()).isEqualTo(Harness.T0.plusSeconds(6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HeartbeatSecondsPath", "TimeoutSecondsPath"})
    void a_path_with_no_value_fails_the_execution_with_states_runtime_before_the_task_is_scheduled(String field) {
        Execution e = start(callback("'" + field + "':'$.limits.none',"), "{\"limits\":{}}");
        h.scheduler.runUntilDone(e.completion());

        assertThat(e.status()).as("States.Runtime is not caught by States.ALL").isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).isEqualTo("An error occurred while executing the state 'Wait' (entered at the event id "
                + "#2). Invalid path '$.limits.none' : No results for path: $['limits']['none']");
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "TaskStateEntered", "ExecutionFailed");
        assertThat(tokens).as("the function is not called").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.5", "\"10\"", "null", "3000000000"})
    void a_value_that_is_not_a_positive_integer_is_states_runtime(String value) {
        for (String field : List.of("HeartbeatSecondsPath", "TimeoutSecondsPath")) {
            Harness run = new Harness();
            run.function("worker", payload -> InvocationResult.success("{}"));
            Execution e = run.run(callback("'" + field + "':'$.v',"), "{\"v\":" + value + "}");

            assertThat(e.error()).as(field).isEqualTo("States.Runtime");
            assertThat(e.cause()).as(field).contains("The " + field
                    + " parameter does not reference a valid positive integer: $.v");
            assertThat(run.calls).as(field).isEmpty();
        }
    }

    @Test
    void a_jsonata_timeout_that_is_not_a_positive_integer_is_a_query_evaluation_error_which_catch_can_take() {
        Harness run = new Harness();
        run.function("worker", payload -> InvocationResult.success("{}"));
        Execution e = run.run(Harness.q("""
                {'QueryLanguage':'JSONata','StartAt':'Wait','States':{
                  'Wait':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                    'Arguments':{'FunctionName':'worker','Payload':{}},'HeartbeatSeconds':'{% 0 %}',
                    'Catch':[{'ErrorEquals':['States.QueryEvaluationError'],'Next':'Caught',
                              'Output':'{% $states.errorOutput %}'}],'End':true},
                  'Caught':{'Type':'Pass','End':true}}}"""), "{}");

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output().get("Error").asText()).isEqualTo("States.QueryEvaluationError");
        assertThat(e.output().get("Cause").asText()).contains("HeartbeatSeconds", "positive integer");
        assertThat(run.calls).isEmpty();
    }

    @Test
    void timeout_seconds_path_bounds_a_callback_task() {
        Execution e = start(callback("'TimeoutSecondsPath':'$.t',"), "{\"t\":7}");
        h.scheduler.runUntilDone(e.completion());

        assertThat(Harness.events(e, "TaskScheduled").get(0).details().get("timeoutInSeconds").asInt()).isEqualTo(7);
        assertThat(Harness.events(e, "TaskTimedOut").get(0).details().get("error").asText())
                .isEqualTo("States.Timeout");
        assertThat(e.output().get("Error").asText()).as("caught by States.ALL").isEqualTo("States.Timeout");
        assertThat(e.stopDate()).isEqualTo(Harness.T0.plusSeconds(7));
    }
}
