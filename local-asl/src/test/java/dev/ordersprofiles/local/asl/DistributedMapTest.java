package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.FN;
import static dev.ordersprofiles.local.asl.Harness.SM_ARN;
import static dev.ordersprofiles.local.asl.Harness.T0;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Map state in Distributed mode with the items in the state input: Map Runs and their child executions. */
class DistributedMapTest {

    /** A Distributed Map over $.items whose children echo their input through the function F. */
    private static String distributed(String executionType, String extra) {
        return q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items',%s
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'%s'},'StartAt':'T',
                    'States':{'T':{'Type':'Task','Resource':'%sF','End':true}}},
                  'End':true}}}""".formatted(extra, executionType, FN));
    }

    @Test
    void each_item_runs_as_a_child_execution_of_a_map_run_and_the_result_keeps_item_order() {
        Harness h = new Harness().echo("F");
        Execution e = h.run(q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','Label':'shipments',
                  'ItemSelector':{'value.$':'$$.Map.Item.Value','index.$':'$$.Map.Item.Index','who.$':'$.who'},
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'T',
                    'States':{'T':{'Type':'Task','Resource':'%sF','End':true}}},
                  'ResultPath':'$.out','End':true}}}""".formatted(FN)), "{\"who\":\"w\",\"items\":[\"a\",\"b\",\"c\"]}");

        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output().get("out")).isEqualTo(json("""
                [{"value":"a","index":0,"who":"w"},{"value":"b","index":1,"who":"w"},{"value":"c","index":2,"who":"w"}]"""));
        assertThat(Harness.types(e)).containsSubsequence("MapStateEntered", "MapStateStarted", "MapRunStarted",
                "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded")
                .doesNotContain("MapIterationStarted", "TaskStateEntered");
        HistoryEvent started = Harness.events(e, "MapRunStarted").get(0);
        String mapRunArn = started.toJson().at("/mapRunStartedEventDetails/mapRunArn").asText();
        assertThat(mapRunArn).matches("arn:aws:states:us-east-1:123456789012:mapRun:Test/shipments:[0-9a-f-]{36}");
        assertThat(started.toJson().get("mapRunStartedEventDetails").fieldNames()).toIterable()
                .containsExactly("mapRunArn");

        MapRuns.MapRun run = h.executions.mapRuns().find(mapRunArn).orElseThrow();
        assertThat(run.status()).isEqualTo(MapRuns.Status.SUCCEEDED);
        assertThat(run.executionArn()).isEqualTo(e.arn());
        assertThat(run.stateMachineArn()).isEqualTo(SM_ARN + "/shipments");
        assertThat(h.executions.mapRuns().of(e.arn())).containsExactly(run);
        List<Execution> children = h.executions.children(mapRunArn);
        assertThat(children).hasSize(3).allSatisfy(c -> {
            assertThat(c.arn()).matches("arn:aws:states:us-east-1:123456789012:execution:Test/shipments:[0-9a-f-]{36}");
            assertThat(c.mapRunArn()).contains(mapRunArn);
            assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Harness.types(c)).startsWith("ExecutionStarted", "TaskStateEntered");
        });
        assertThat(h.calls).hasSize(3);
    }

    @Test
    void item_batcher_groups_items_with_the_batch_input() {
        Harness h = new Harness().echo("F");
        Execution e = h.run(distributed("STANDARD", """
                'ItemBatcher':{'MaxItemsPerBatch':2,'BatchInput':{'run.$':'$.run'}},"""),
                "{\"run\":7,\"items\":[1,2,3,4,5]}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("""
                [{"BatchInput":{"run":7},"Items":[1,2]},{"BatchInput":{"run":7},"Items":[3,4]},
                 {"BatchInput":{"run":7},"Items":[5]}]"""));
    }

    @Test
    void max_input_bytes_per_batch_bounds_a_batch_by_size() {
        Harness h = new Harness().echo("F");
        // {"Items":[]} is 12 bytes; each item "aaaa" 6, a comma 1: two items make 25 bytes, three 32
        Execution e = h.run(distributed("STANDARD", "'ItemBatcher':{'MaxInputBytesPerBatchPath':'$.bytes'},"),
                "{\"bytes\":30,\"items\":[\"aaaa\",\"aaaa\",\"aaaa\",\"aaaa\",\"aaaa\"]}");
        assertThat(e.output()).isEqualTo(json("""
                [{"Items":["aaaa","aaaa"]},{"Items":["aaaa","aaaa"]},{"Items":["aaaa"]}]"""));
    }

    @Test
    void max_concurrency_limits_children_in_flight_and_update_map_run_raises_it() {
        VirtualScheduler scheduler = new VirtualScheduler(T0);
        List<CompletableFuture<InvocationResult>> pending = new ArrayList<>();
        Executions executions = new Executions((fn, payload) -> {
            CompletableFuture<InvocationResult> call = new CompletableFuture<>();
            pending.add(call);
            return call;
        }, scheduler);
        Execution e = executions.start(StateMachine.load(SM_ARN, distributed("STANDARD", "'MaxConcurrency':1,")),
                "m", "{\"items\":[1,2,3,4]}");
        scheduler.runUntilIdle();
        assertThat(pending).hasSize(1);
        pending.get(0).complete(InvocationResult.success("\"a\""));
        scheduler.runUntilIdle();
        assertThat(pending).hasSize(2);

        MapRuns.MapRun run = executions.mapRuns().of(e.arn()).get(0);
        assertThat(run.maxConcurrency()).isEqualTo(1);
        run.update(3, null, null);
        scheduler.runUntilIdle();
        assertThat(pending).hasSize(4);
        for (int i = 1; i < 4; i++) {
            pending.get(i).complete(InvocationResult.success("\"x" + i + "\""));
        }
        scheduler.runUntilIdle();
        assertThat(e.output()).isEqualTo(json("[\"a\",\"x1\",\"x2\",\"x3\"]"));
        assertThatThrownBy(() -> run.update(-1, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void without_a_tolerance_one_failed_child_fails_the_map_run() {
        Harness h = failOn("2");
        Execution e = h.run(distributed("STANDARD", ""), "{\"items\":[1,2,3]}");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(Harness.types(e)).containsSubsequence("MapRunStarted", "MapRunFailed", "MapStateFailed",
                "ExecutionFailed");
        assertThat(Harness.events(e, "MapRunFailed").get(0).toJson().at("/mapRunFailedEventDetails/error").asText())
                .isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(h.executions.mapRuns().of(e.arn()).get(0).status()).isEqualTo(MapRuns.Status.FAILED);
    }

    @Test
    void failures_within_the_tolerated_count_leave_their_error_in_the_result() {
        Harness h = failOn("2");
        Execution e = h.run(distributed("STANDARD", "'ToleratedFailureCount':1,"), "{\"items\":[1,2,3]}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output().get(0)).isEqualTo(json("1"));
        assertThat(e.output().get(1).get("Error").asText()).isEqualTo("Boom");
        assertThat(e.output().get(2)).isEqualTo(json("3"));
        assertThat(h.executions.children(h.executions.mapRuns().of(e.arn()).get(0).arn()))
                .extracting(Execution::status).containsOnly(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED);
    }

    @Test
    void a_failed_batch_counts_all_its_items_against_the_tolerated_percentage_and_catch_sees_the_error() {
        Harness h = new Harness().function("F", in -> json(in).get("Items").toString().contains("2")
                ? InvocationResult.functionError("Boom", "bad") : InvocationResult.success(in));
        String catching = q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','ItemBatcher':{'MaxItemsPerBatch':2},
                  'ToleratedFailurePercentagePath':'$.pct',
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'T',
                    'States':{'T':{'Type':'Task','Resource':'%sF','End':true}}},
                  'Catch':[{'ErrorEquals':['States.ExceedToleratedFailureThreshold'],'ResultPath':'$.error',
                            'Next':'Caught'}],'End':true},
                 'Caught':{'Type':'Pass','End':true}}}""".formatted(FN));
        // batch [1,2] fails: 2 of 5 items = 40 %
        Execution tolerated = h.run(StateMachine.load(SM_ARN, catching), "ok", "{\"pct\":40,\"items\":[1,2,3,4,5]}");
        assertThat(tolerated.output().size()).isEqualTo(3);
        assertThat(tolerated.output().get(0).get("Error").asText()).isEqualTo("Boom");
        Execution over = h.run(StateMachine.load(SM_ARN, catching), "over", "{\"pct\":39.5,\"items\":[1,2,3,4,5]}");
        assertThat(over.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(over.output().at("/error/Error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(over.output().at("/error/Cause").asText()).contains("2 of 5 items failed");
    }

    @Test
    void express_children_have_express_arns_and_are_not_journaled(@TempDir Path folder) throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler(T0);
        Executions executions = new Executions((fn, payload) -> CompletableFuture.completedFuture(
                InvocationResult.success(payload)), scheduler, new Random(1), "us-east-1",
                FileExecutionJournal.inFolder(folder), Executions.Retention.DEFAULT);
        Execution e = executions.start(StateMachine.load(SM_ARN, distributed("EXPRESS", "")), "parent",
                "{\"items\":[1,2]}");
        scheduler.runUntilDone(e.completion());
        assertThat(e.output()).isEqualTo(json("[1,2]"));
        String mapRun = executions.mapRuns().of(e.arn()).get(0).arn();
        assertThat(executions.children(mapRun)).hasSize(2).allSatisfy(c -> {
            assertThat(c.arn()).matches("arn:aws:states:us-east-1:123456789012:express:Test/[0-9a-f-]{36}:"
                    + "[0-9a-f-]{36}:[0-9a-f-]{36}");
            assertThat(c.isExpress()).isTrue();
        });
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.count()).as("only the parent is journaled").isEqualTo(1);
        }
    }

    @Test
    void jsonata_variant_with_items_item_selector_batcher_and_tolerance_expressions() {
        Harness h = new Harness().function("F", in -> json(in).toString().contains("\"bad\"")
                ? InvocationResult.functionError("Boom", "bad") : InvocationResult.success(in));
        Execution e = h.run(q("""
                {'QueryLanguage':'JSONata','StartAt':'M','States':{'M':{'Type':'Map',
                  'Items':'{% $states.input.list %}',
                  'ItemSelector':{'v':'{% $states.context.Map.Item.Value %}','i':'{% $states.context.Map.Item.Index %}'},
                  'ItemBatcher':{'MaxItemsPerBatch':'{% 2 %}','BatchInput':{'tag':'{% $states.input.tag %}'}},
                  'ToleratedFailureCount':'{% $states.input.tolerate %}',
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'T',
                    'States':{'T':{'Type':'Task','Resource':'FN_F','Arguments':'{% $states.input %}','End':true}}},
                  'End':true}}}""").replace("FN_", FN), "{\"tag\":\"t\",\"tolerate\":2,\"list\":[\"x\",\"bad\",\"y\"]}");
        assertThat(e.status()).as(e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output().get(0).get("Error").asText()).isEqualTo("Boom");
        assertThat(e.output().get(1)).isEqualTo(json("{\"BatchInput\":{\"tag\":\"t\"},\"Items\":[{\"v\":\"y\",\"i\":2}]}"));
    }

    @Test
    void stopping_the_parent_aborts_the_running_children_and_the_map_run() {
        VirtualScheduler scheduler = new VirtualScheduler(T0);
        Executions executions = new Executions((fn, payload) -> new CompletableFuture<>(), scheduler);
        Execution e = executions.start(StateMachine.load(SM_ARN, distributed("STANDARD", "")), "p",
                "{\"items\":[1,2]}");
        scheduler.runUntilIdle();
        MapRuns.MapRun run = executions.mapRuns().of(e.arn()).get(0);
        assertThat(executions.children(run.arn())).extracting(Execution::status).containsOnly(ExecutionStatus.RUNNING);
        executions.stop(e.arn(), "Stop", "by test");
        scheduler.runUntilIdle();
        assertThat(run.status()).isEqualTo(MapRuns.Status.ABORTED);
        assertThat(executions.children(run.arn())).extracting(Execution::status).containsOnly(ExecutionStatus.ABORTED);
    }

    @Test
    void a_map_run_survives_a_restart_without_running_a_started_child_again(@TempDir Path folder) {
        String definition = q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'T',
                    'States':{'T':{'Type':'Task','Resource':'%sF','Next':'W'},
                              'W':{'Type':'Wait','Seconds':60,'End':true}}},
                  'End':true}}}""".formatted(FN));
        List<String> calls = new ArrayList<>();
        VirtualScheduler before = new VirtualScheduler(T0);
        Executions first = new Executions((fn, payload) -> {
            calls.add(payload);
            return CompletableFuture.completedFuture(InvocationResult.success(payload));
        }, before, new Random(5), "us-east-1", FileExecutionJournal.inFolder(folder), Executions.Retention.DEFAULT);
        Execution parent = first.start(StateMachine.load(SM_ARN, definition), "parent", "{\"items\":[1,2,3]}");
        before.advance(Duration.ofSeconds(10));
        assertThat(calls).containsExactly("1", "2");
        String mapRun = first.mapRuns().of(parent.arn()).get(0).arn();
        // the process dies here: two children wait, the third has not started

        VirtualScheduler after = new VirtualScheduler(T0.plusSeconds(20));
        Executions second = new Executions((fn, payload) -> {
            calls.add(payload);
            return CompletableFuture.completedFuture(InvocationResult.success(payload));
        }, after, new Random(6), "us-east-1", FileExecutionJournal.inFolder(folder), Executions.Retention.DEFAULT);
        second.recover(StateMachine::load);
        Execution resumed = second.find(parent.arn()).orElseThrow();
        after.runUntilDone(resumed.completion());

        assertThat(resumed.status()).as(resumed.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(resumed.output()).isEqualTo(json("[1,2,3]"));
        assertThat(calls).as("each child's task ran once").containsExactly("1", "2", "3");
        assertThat(Harness.events(resumed, "MapRunStarted")).hasSize(1);
        assertThat(second.mapRuns().find(mapRun).orElseThrow().status()).isEqualTo(MapRuns.Status.SUCCEEDED);
        assertThat(second.children(mapRun)).hasSize(3).extracting(Execution::status)
                .containsOnly(ExecutionStatus.SUCCEEDED);

        VirtualScheduler later = new VirtualScheduler(T0.plusSeconds(600));
        Executions third = new Executions((fn, payload) -> CompletableFuture.completedFuture(
                InvocationResult.success(payload)), later, new Random(7), "us-east-1",
                FileExecutionJournal.inFolder(folder), Executions.Retention.DEFAULT);
        assertThat(third.recover(StateMachine::load)).isZero();
        MapRuns.MapRun restored = third.mapRuns().find(mapRun).orElseThrow();
        assertThat(restored.status()).isEqualTo(MapRuns.Status.SUCCEEDED);
        assertThat(restored.maxConcurrency()).isEqualTo(2);
        assertThat(restored.children()).isEqualTo(3);
    }

    @Test
    void the_distributed_fields_are_checked_at_load() {
        assertLoadError(distributed("STANDARD", "").replace(",\"ExecutionType\":\"STANDARD\"", ""),
                "ProcessorConfig.ExecutionType\" is required with Mode DISTRIBUTED");
        assertLoadError(distributed("QUICK", ""), "must be STANDARD or EXPRESS");
        assertLoadError(distributed("STANDARD", "'ItemReader':{'Resource':'arn:aws:states:::s3:getObject'},"),
                "Amazon S3, which the local stack does not have");
        assertLoadError(distributed("STANDARD", "'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject'},"),
                "Amazon S3, which the local stack does not have");
        assertLoadError(distributed("STANDARD", "'ToleratedFailurePercentage':101,"),
                "\"ToleratedFailurePercentage\" must be a number from 0 to 100");
        assertLoadError(distributed("STANDARD", "'ToleratedFailureCount':1.5,"), "must be an integer");
        assertLoadError(distributed("STANDARD", "'Label':'has space',"), "\"Label\" must be a string");
        assertLoadError(distributed("STANDARD", "'ItemBatcher':{'BatchInput':{}},"),
                "needs MaxItemsPerBatch or MaxInputBytesPerBatch");
        assertLoadError(distributed("STANDARD", "'ItemBatcher':{'MaxInputBytesPerBatch':300000},"),
                "from 0 to 262144");
        assertLoadError(q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailureCount':1,'ItemProcessor':{'StartAt':'P',
                  'States':{'P':{'Type':'Pass','End':true}}},'End':true}}}"""),
                "\"ToleratedFailureCount\" is only allowed in a Map state whose ItemProcessor.ProcessorConfig.Mode is "
                        + "DISTRIBUTED");
        assertLoadError(q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE',
                  'ExecutionType':'EXPRESS'},'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}"""),
                "only allowed with Mode DISTRIBUTED");
    }

    @Test
    void a_tolerance_path_that_is_not_a_number_fails_the_state_with_States_Runtime() {
        Execution e = new Harness().echo("F").run(distributed("STANDARD", "'ToleratedFailureCountPath':'$.n',"),
                "{\"n\":\"many\",\"items\":[1]}");
        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).contains("ToleratedFailureCountPath");
    }

    private static Harness failOn(String item) {
        return new Harness().function("F", in -> in.equals(item) ? InvocationResult.functionError("Boom", "bad")
                : InvocationResult.success(in));
    }

    private static void assertLoadError(String definition, String message) {
        assertThatThrownBy(() -> StateMachine.load(SM_ARN, definition)).isInstanceOf(AslDefinitionException.class)
                .hasMessageContaining(message);
    }

}
