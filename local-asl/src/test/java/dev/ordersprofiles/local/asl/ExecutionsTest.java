package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.SM_ARN;
import static dev.ordersprofiles.local.asl.Harness.T0;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutionsTest {

    private static final StateMachine WAIT = StateMachine.load(SM_ARN, q("""
            {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':60,'End':true}}}"""));

    @Test
    void starting_the_same_name_with_the_same_input_returns_the_same_execution() {
        Harness h = new Harness();
        Execution first = h.executions.start(WAIT, "order-1", "{\"orderId\":\"a\"}");
        Execution again = h.executions.start(WAIT, "order-1", "{ \"orderId\" : \"a\" }");
        assertThat(again).isSameAs(first);
        h.scheduler.runUntilIdle();
        assertThat(h.executions.start(WAIT, "order-1", "{\"orderId\":\"a\"}")).isSameAs(first);
        assertThat(h.executions.list()).hasSize(1);
    }

    @Test
    void starting_the_same_name_with_a_different_input_is_rejected() {
        Harness h = new Harness();
        h.executions.start(WAIT, "order-1", "{\"orderId\":\"a\"}");
        assertThatThrownBy(() -> h.executions.start(WAIT, "order-1", "{\"orderId\":\"b\"}"))
                .isInstanceOf(ExecutionAlreadyExists.class)
                .hasMessageContaining("arn:aws:states:us-east-1:123456789012:execution:Test:order-1");
    }

    @Test
    void invalid_names_and_inputs_are_rejected() {
        Harness h = new Harness();
        assertThatThrownBy(() -> h.executions.start(WAIT, "has space", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.executions.start(WAIT, "x".repeat(81), "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.executions.start(WAIT, "ok", "{not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describe_reports_status_dates_input_and_output() {
        Harness h = new Harness();
        Execution e = h.executions.start(WAIT, "run", "{\"a\":1}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(e.arn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:Test:run");
        h.scheduler.runUntilIdle();
        assertThat(h.executions.find("run")).containsSame(e);
        assertThat(h.executions.find(e.arn())).containsSame(e);
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.startDate()).isEqualTo(T0);
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(60));
        assertThat(e.input()).isEqualTo(json("{\"a\":1}"));
        assertThat(e.output()).isEqualTo(json("{\"a\":1}"));
        assertThat(e.error()).isNull();
    }

    @Test
    void list_is_newest_first_and_filters_by_state_machine() {
        Harness h = new Harness();
        StateMachine other = StateMachine.load(StateMachine.arnFor("us-east-1", "123456789012", "Other"), q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"""));
        h.executions.start(WAIT, "first", "{}");
        h.scheduler.advance(Duration.ofSeconds(1));
        h.executions.start(other, "second", "{}");
        assertThat(h.executions.list()).extracting(Execution::name).containsExactly("second", "first");
        assertThat(h.executions.list(WAIT.arn())).extracting(Execution::name).containsExactly("first");
        assertThat(h.executions.find("nope")).isEmpty();
    }

    @Test
    void find_by_name_gives_the_newest_of_that_name_and_an_unknown_arn_gives_nothing() {
        Harness h = new Harness();
        StateMachine other = StateMachine.load(StateMachine.arnFor("us-east-1", "123456789012", "Other"), q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"""));
        Execution older = h.executions.start(WAIT, "same", "{}");
        h.scheduler.advance(Duration.ofSeconds(1));
        Execution newer = h.executions.start(other, "same", "{}");
        h.executions.start(other, "else", "{}");
        assertThat(h.executions.find("same")).containsSame(newer);
        assertThat(h.executions.find(older.arn())).containsSame(older);
        assertThat(h.executions.find(older.arn() + "-gone")).isEmpty();
        // Not a name (names have no ':'), and no execution's ARN either.
        assertThat(h.executions.find("Test:same")).isEmpty();
    }

    @Test
    void history_ids_are_sequential_and_previous_ids_chain() {
        Execution e = new Harness().run(q("""
                {'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','End':true}}}"""), "{}");
        var history = e.history();
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).id()).isEqualTo(i + 1);
            assertThat(history.get(i).previousEventId()).isEqualTo(i);
        }
        assertThat(history.get(1).toJson().at("/stateEnteredEventDetails/name").asText()).isEqualTo("A");
        assertThat(json(history.get(0).toJson().at("/executionStartedEventDetails/input").asText())).isEqualTo(json("{}"));
    }

    @Test
    void stop_aborts_a_running_execution_and_nothing_runs_after() {
        Harness h = new Harness().echo("Never");
        StateMachine machine = StateMachine.load(SM_ARN, q("""
                {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':60,'Next':'T'},
                 'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:Never','End':true}}}"""));
        Execution e = h.executions.start(machine, "stop-me", "{}");
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(h.executions.stop(e.arn(), "Cancelled", "by test")).isTrue();
        h.scheduler.runUntilIdle();
        assertThat(e.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(e.error()).isEqualTo("Cancelled");
        assertThat(h.calls).isEmpty();
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionAborted");
        assertThat(h.executions.stop(e.arn(), null, null)).isFalse();
    }

    @Test
    void execution_timeout_seconds_times_the_execution_out() {
        Execution e = new Harness().run(q("""
                {'TimeoutSeconds':30,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':60,'End':true}}}"""), "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(e.error()).isEqualTo("States.Timeout");
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(30));
        assertThat(Harness.types(e)).endsWith("ExecutionTimedOut");
    }

    @Test
    void runs_on_real_threads_with_an_asynchronous_invoker() throws Exception {
        try (SystemScheduler scheduler = SystemScheduler.create(2)) {
            Executions executions = new Executions((fn, payload) -> CompletableFuture.supplyAsync(
                    () -> InvocationResult.success("{\"fn\":\"" + fn + "\",\"in\":" + payload + "}")), scheduler);
            StateMachine machine = StateMachine.load(SM_ARN, q("""
                    {'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[
                      {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                        'Parameters':{'FunctionName':'a','Payload.$':'$'},'OutputPath':'$.Payload','End':true}}},
                      {'StartAt':'B','States':{'B':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                        'Parameters':{'FunctionName':'b','Payload.$':'$'},'Retry':[{'ErrorEquals':['States.ALL'],
                        'IntervalSeconds':1}],'OutputPath':'$.Payload','End':true}}}],'End':true}}}"""));
            Execution e = executions.start(machine, "real", "{\"x\":1}").completion().get(10, TimeUnit.SECONDS);
            assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(e.output()).isEqualTo(json("[{\"fn\":\"a\",\"in\":{\"x\":1}},{\"fn\":\"b\",\"in\":{\"x\":1}}]"));
        }
    }
}
