package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TestState: one state run alone, as AWS documents the API (statuses SUCCEEDED, CAUGHT_ERROR, RETRIABLE, FAILED;
 * inspectionData at DEBUG). Our own expectations from that documentation: moto has no TestState.
 */
class StateTestTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final SystemScheduler scheduler = SystemScheduler.create(2);
    private final Executions executions = new Executions((fn, payload) -> {
        calls.add(fn + " " + payload);
        return CompletableFuture.completedFuture(fn.equals("busy")
                ? InvocationResult.functionError("Worker.Busy", "try later")
                : InvocationResult.success("{\"total\":12}"));
    }, scheduler);

    @AfterEach
    void stop() {
        scheduler.close();
    }

    private StateTest.Result test(String state, String input, StateTest.Level level) {
        return StateTest.run(executions, "us-east-1", "123456789012", Harness.q(state), input, null, level,
                Duration.ofSeconds(30));
    }

    @Test
    void a_pass_state_shows_every_processing_stage_at_debug() {
        StateTest.Result r = test("""
                {'Type':'Pass','InputPath':'$.order','Parameters':{'id.$':'$.id','n':1},
                 'ResultPath':'$.shaped','OutputPath':'$.shaped','Next':'Charge'}""",
                "{\"order\":{\"id\":\"o-1\"}}", StateTest.Level.DEBUG);

        assertThat(r.status()).isEqualTo("SUCCEEDED");
        assertThat(r.nextState()).isEqualTo("Charge");
        assertThat(r.output()).isEqualTo(Harness.json("{\"id\":\"o-1\",\"n\":1}"));
        assertThat(r.inspectionData().get("input").asText()).isEqualTo("{\"order\":{\"id\":\"o-1\"}}");
        assertThat(r.inspectionData().get("afterInputPath").asText()).isEqualTo("{\"id\":\"o-1\"}");
        assertThat(r.inspectionData().get("afterParameters").asText()).isEqualTo("{\"id\":\"o-1\",\"n\":1}");
        assertThat(r.inspectionData().get("afterResultPath").asText())
                .isEqualTo("{\"order\":{\"id\":\"o-1\"},\"shaped\":{\"id\":\"o-1\",\"n\":1}}");
    }

    @Test
    void a_task_runs_once_and_its_result_goes_through_result_selector_and_result_path() {
        StateTest.Result r = test("""
                {'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName':'price','Payload.$':'$'},
                 'ResultSelector':{'total.$':'$.Payload.total'},'ResultPath':'$.price','End':true}""",
                "{\"id\":1}", StateTest.Level.DEBUG);

        assertThat(r.status()).isEqualTo("SUCCEEDED");
        assertThat(r.nextState()).isNull();
        assertThat(r.output()).isEqualTo(Harness.json("{\"id\":1,\"price\":{\"total\":12}}"));
        assertThat(calls).containsExactly("price {\"id\":1}");
        assertThat(Harness.json(r.inspectionData().get("result").asText()).get("Payload"))
                .isEqualTo(Harness.json("{\"total\":12}"));
        assertThat(r.inspectionData().get("afterResultSelector").asText()).isEqualTo("{\"total\":12}");
    }

    @Test
    void an_error_a_retrier_matches_is_retriable_and_not_retried() {
        StateTest.Result r = test("""
                {'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'busy'},
                 'Retry':[{'ErrorEquals':['Worker.Busy'],'MaxAttempts':3}],
                 'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Failed'}],'End':true}""", "{}", StateTest.Level.INFO);

        assertThat(r.status()).isEqualTo("RETRIABLE");
        assertThat(r.error()).isEqualTo("Worker.Busy");
        assertThat(r.nextState()).isNull();
        assertThat(calls).hasSize(1);
        assertThat(r.inspectionData()).as("INFO has no inspection data").isNull();
    }

    @Test
    void a_caught_error_names_the_catchers_next_state() {
        StateTest.Result r = test("""
                {'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'busy'},
                 'Catch':[{'ErrorEquals':['Worker.Busy'],'ResultPath':'$.error','Next':'Later'}],'End':true}""",
                "{\"a\":1}", StateTest.Level.INFO);

        assertThat(r.status()).isEqualTo("CAUGHT_ERROR");
        assertThat(r.error()).isEqualTo("Worker.Busy");
        assertThat(r.nextState()).isEqualTo("Later");
        assertThat(r.output().get("error").get("Error").asText()).isEqualTo("Worker.Busy");
        assertThat(r.output().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void a_choice_names_the_branch_a_fail_fails_and_variables_are_read() {
        StateTest.Result choice = test("""
                {'Type':'Choice','Choices':[{'Variable':'$.n','NumericGreaterThan':10,'Next':'Big'}],
                 'Default':'Small'}""", "{\"n\":11}", StateTest.Level.INFO);
        assertThat(choice.status()).isEqualTo("SUCCEEDED");
        assertThat(choice.nextState()).isEqualTo("Big");

        StateTest.Result fail = test("{'Type':'Fail','Error':'Bad','Cause':'because'}", "{}", StateTest.Level.INFO);
        assertThat(fail.status()).isEqualTo("FAILED");
        assertThat(fail.error()).isEqualTo("Bad");
        assertThat(fail.cause()).isEqualTo("because");

        StateTest.Result vars = StateTest.run(executions, "us-east-1", "123456789012", Harness.q("""
                {'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $limit * 2 %}','End':true}"""), "{}",
                "{\"limit\":21}", StateTest.Level.DEBUG, Duration.ofSeconds(30));
        assertThat(vars.output()).isEqualTo(Harness.json("42"));
        assertThat(vars.inspectionData().get("variables").asText()).isEqualTo("{\"limit\":21}");
    }

    @Test
    void an_invalid_state_is_refused_as_a_definition_error() {
        assertThatThrownBy(() -> test("{'Type':'Nope','End':true}", "{}", StateTest.Level.INFO))
                .isInstanceOf(AslDefinitionException.class);
        assertThatThrownBy(() -> test("[]", "{}", StateTest.Level.INFO))
                .isInstanceOf(AslDefinitionException.class).hasMessage("the state definition must be a JSON object");
    }
}
