package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.FN;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ParallelAndMapTest {

    @Test
    void parallel_runs_every_branch_on_the_same_input_and_collects_results_in_branch_order() {
        Execution e = new Harness().run(q("""
                {'StartAt':'LookupCustomerInfo','States':{'LookupCustomerInfo':{'Type':'Parallel','Branches':[
                   {'StartAt':'LookupAddress','States':{'LookupAddress':{'Type':'Wait','Seconds':5,'OutputPath':'$.address',
                     'End':true}}},
                   {'StartAt':'LookupPhone','States':{'LookupPhone':{'Type':'Pass','InputPath':'$.phone','End':true}}}],
                  'ResultSelector':{'address.$':'$[0]','phone.$':'$[1]'},'ResultPath':'$.found','End':true}}}"""),
                "{\"address\":\"1 Main St\",\"phone\":\"555\"}");
        assertThat(e.output()).isEqualTo(json(
                "{\"address\":\"1 Main St\",\"phone\":\"555\",\"found\":{\"address\":\"1 Main St\",\"phone\":\"555\"}}"));
        assertThat(Harness.types(e)).startsWith("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted")
                .endsWith("ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded")
                .contains("WaitStateEntered", "PassStateEntered");
    }

    @Test
    void a_failing_branch_fails_the_parallel_state_with_its_error_and_catch_sees_it() {
        Execution e = new Harness().run(q("""
                {'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[
                   {'StartAt':'Slow','States':{'Slow':{'Type':'Wait','Seconds':100,'Next':'After'},
                                               'After':{'Type':'Pass','End':true}}},
                   {'StartAt':'Boom','States':{'Boom':{'Type':'Fail','Error':'BranchError','Cause':'nope'}}}],
                  'Catch':[{'ErrorEquals':['BranchError'],'ResultPath':'$.error','Next':'Handled'}],'End':true},
                  'Handled':{'Type':'Wait','Seconds':500,'End':true}}}"""), "{}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"error\":{\"Error\":\"BranchError\",\"Cause\":\"nope\"}}"));
        assertThat(Harness.types(e)).contains("ParallelStateFailed");
        assertThat(e.history()).noneMatch(event -> "After".equals(event.stateName()))
                .noneMatch(event -> "Slow".equals(event.stateName()) && event.type().equals("WaitStateExited"));
        assertThat(e.stopDate()).isEqualTo(Harness.T0.plusSeconds(500));
    }

    /** The specification's Map example: ItemsPath, ItemSelector with $$.Map.Item.Value, ResultPath. */
    @Test
    void spec_map_example_with_item_selector_and_context() {
        Harness h = new Harness().function("ship-val", in -> InvocationResult.success(
                "{\"validated\":\"" + json(in).at("/parcel/prod").asText() + "\",\"courier\":\""
                        + json(in).get("courier").asText() + "\",\"index\":" + json(in).get("index").asInt() + "}"));
        Execution e = h.run("{\"StartAt\":\"Validate-All\",\"States\":{\"Validate-All\":{\"Type\":\"Map\","
                + "\"InputPath\":\"$.detail\",\"ItemsPath\":\"$.shipped\",\"MaxConcurrency\":0,"
                + "\"ItemSelector\":{\"parcel.$\":\"$$.Map.Item.Value\",\"courier.$\":\"$.delivery-partner\","
                + "\"index.$\":\"$$.Map.Item.Index\"},"
                + "\"ItemProcessor\":{\"StartAt\":\"Validate\",\"States\":{\"Validate\":{\"Type\":\"Task\",\"Resource\":\""
                + FN + "ship-val\",\"End\":true}}},\"ResultPath\":\"$.detail.shipped\",\"End\":true}}}", """
                {"ship-date": "2016-03-14T01:59:00Z",
                 "detail": {"delivery-partner": "UQS",
                            "shipped": [{"prod": "R31", "dest-code": 9511, "quantity": 1344},
                                        {"prod": "S39", "dest-code": 9511, "quantity": 40}]}}""");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("""
                {"ship-date": "2016-03-14T01:59:00Z",
                 "detail": {"delivery-partner": "UQS",
                            "shipped": [{"validated": "R31", "courier": "UQS", "index": 0},
                                        {"validated": "S39", "courier": "UQS", "index": 1}]}}"""));
        assertThat(Harness.events(e, "MapIterationStarted")).hasSize(2);
        assertThat(Harness.events(e, "MapStateStarted").get(0).toJson().at("/mapStateStartedEventDetails/length").asInt())
                .isEqualTo(2);
    }

    @Test
    void max_concurrency_limits_iterations_in_flight() {
        VirtualScheduler scheduler = new VirtualScheduler(Harness.T0);
        List<CompletableFuture<InvocationResult>> pending = new ArrayList<>();
        Executions executions = new Executions((fn, payload) -> {
            CompletableFuture<InvocationResult> call = new CompletableFuture<>();
            pending.add(call);
            return call;
        }, scheduler);
        StateMachine machine = StateMachine.load(Harness.SM_ARN, q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,'Iterator':{'StartAt':'T','States':{
                   'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:F','End':true}}},
                 'End':true}}}"""));
        Execution e = executions.start(machine, "m", "[1,2,3,4,5]");
        scheduler.runUntilIdle();
        assertThat(pending).hasSize(2);
        pending.get(0).complete(InvocationResult.success("\"a\""));
        scheduler.runUntilIdle();
        assertThat(pending).hasSize(3);
        for (int i = 1; i < 5; i++) {
            scheduler.runUntilIdle();
            pending.get(i).complete(InvocationResult.success("\"x" + i + "\""));
        }
        scheduler.runUntilIdle();
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("[\"a\",\"x1\",\"x2\",\"x3\",\"x4\"]"));
    }

    @Test
    void map_over_an_empty_array_succeeds_with_an_empty_array() {
        Execution e = new Harness().run(q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{'StartAt':'P',
                  'States':{'P':{'Type':'Pass','End':true}}},'ResultPath':'$.out','End':true}}}"""), "{\"items\":[]}");
        assertThat(e.output()).isEqualTo(json("{\"items\":[],\"out\":[]}"));
    }

    @Test
    void map_items_path_that_is_not_an_array_is_States_Runtime() {
        Execution e = new Harness().run(q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{'StartAt':'P',
                  'States':{'P':{'Type':'Pass','End':true}}},'End':true}}}"""), "{\"items\":{}}");
        assertThat(e.error()).isEqualTo("States.Runtime");
    }

    @Test
    void a_failing_iteration_fails_the_map_and_retry_reruns_it() {
        Harness h = new Harness();
        int[] calls = {0};
        h.function("F", in -> ++calls[0] == 2 ? InvocationResult.functionError("Flaky", "once")
                : InvocationResult.success(in));
        Execution e = h.run("{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"MaxConcurrency\":1,"
                + "\"Iterator\":{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"" + FN
                + "F\",\"End\":true}}},\"Retry\":[{\"ErrorEquals\":[\"Flaky\"],\"IntervalSeconds\":2}],\"End\":true}}}",
                "[1,2,3]");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("[1,2,3]"));
        assertThat(Harness.types(e)).contains("MapIterationFailed", "MapStateFailed");
        assertThat(Harness.events(e, "MapStateStarted")).hasSize(2);
    }
}
