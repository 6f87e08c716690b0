package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.SM_ARN;
import static dev.ordersprofiles.local.asl.Harness.T0;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callback and .sync tasks waiting when the process stops, resumed from a {@link FileExecutionJournal}: the task
 * keeps waiting on the same token or child, without calling again, and its limits count from the journaled times.
 */
class DurableTasksTest {

    private static final String CALLBACK = q("""
            {'StartAt':'Wait','States':{
              'Wait':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                'Parameters':{'FunctionName':'worker','Payload':{'token.$':'$$.Task.Token','job.$':'$.job'}},
                %s
                'ResultPath':'$.answer','End':true}}}""");
    private static final String JOB = q("""
            {'StartAt':'Child','States':{
              'Child':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync:2',
                'Parameters':{'StateMachineArn':'arn:aws:states:us-east-1:123456789012:stateMachine:Child',
                  'Input':{'n.$':'$.n','AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$':'$$.Execution.Id'}},
                %s
                'End':true}}}""");

    @TempDir
    Path folder;

    /** A fake job service: what was started, waited for and stopped; the test ends the jobs. */
    private static final class Jobs implements ServiceIntegration {
        final List<JsonNode> started = new ArrayList<>();
        final List<String> awaited = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        final List<CompletableFuture<Result>> running = new ArrayList<>();

        @Override
        public CompletionStage<Result> call(String service, String action, JsonNode parameters) {
            started.add(parameters);
            return CompletableFuture.completedFuture(new Response(Json.object()
                    .put("ExecutionArn", "arn:aws:states:us-east-1:123456789012:execution:Child:" + started.size())
                    .put("StartDate", 1)));
        }

        @Override
        public CompletionStage<Result> awaitJob(String service, String action, JsonNode submitted) {
            awaited.add(action + " " + submitted.path("ExecutionArn").asText());
            CompletableFuture<Result> job = new CompletableFuture<>();
            running.add(job);
            return job;
        }

        @Override
        public void stopJob(String service, String action, JsonNode submitted) {
            stopped.add(submitted.path("ExecutionArn").asText());
        }
    }

    /** One process's worth of the service on the shared journal folder. */
    private final class Process {
        final VirtualScheduler scheduler;
        final List<String> payloads = new ArrayList<>();
        final Jobs jobs = new Jobs();
        final Executions executions;
        /** Whether the worker function answers (false: the call never returns, as if the process died in it). */
        boolean functionReturns = true;

        Process(Instant now) {
            scheduler = new VirtualScheduler(now);
            executions = new Executions((fn, payload) -> {
                payloads.add(payload);
                return functionReturns ? CompletableFuture.completedFuture(InvocationResult.success("{\"queued\":1}"))
                        : new CompletableFuture<>();
            }, jobs, scheduler, new Random(7), "us-east-1", FileExecutionJournal.inFolder(folder),
                    Executions.Retention.DEFAULT);
        }

        Execution start(String definition, String input) {
            Execution e = executions.start(StateMachine.load(SM_ARN, q(definition)), "exec", input);
            scheduler.advance(Duration.ZERO);
            return e;
        }

        Execution recover() {
            assertThat(executions.recover(StateMachine::load)).isEqualTo(1);
            scheduler.advance(Duration.ZERO);
            return executions.find("exec").orElseThrow();
        }

        String token() {
            return json(payloads.get(payloads.size() - 1)).get("token").asText();
        }
    }

    @Test
    void a_task_waiting_on_its_token_at_a_crash_waits_on_the_same_token_after_it_without_calling_again() {
        Process before = new Process(T0);
        before.start(CALLBACK.formatted(""), "{\"job\":7}");
        String token = before.token();
        // the process dies here, the worker still holds the token

        Process after = new Process(T0.plusSeconds(60));
        Execution e = after.recover();
        assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(after.payloads).as("the function is not called again").isEmpty();

        after.executions.sendTaskSuccess(token, "{\"approved\":true}");
        after.scheduler.runUntilDone(e.completion());

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"job\":7,\"answer\":{\"approved\":true}}"));
        assertThat(Harness.types(e)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        List<HistoryEvent> history = e.history();
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).id()).isEqualTo(i + 1L);
        }
        assertThat(history.get(5).visitId()).as("the answer belongs to the visit entered before the crash")
                .isEqualTo(2);
        assertThatRejected(() -> after.executions.sendTaskSuccess(token, "{}"), TaskTokenRejected.Reason.TaskTimedOut);
    }

    @Test
    void heartbeats_count_from_the_last_journaled_one_and_a_heartbeat_after_the_restart_keeps_the_task_alive() {
        Process before = new Process(T0);
        before.start(CALLBACK.formatted("'HeartbeatSeconds':10,"), "{\"job\":1}");
        String token = before.token();
        before.scheduler.advance(Duration.ofSeconds(8));
        before.executions.sendTaskHeartbeat(token); // journaled at T0+8: the next is due by T0+18

        Process after = new Process(T0.plusSeconds(15));
        Execution e = after.recover();
        after.scheduler.advance(Duration.ofSeconds(2));
        assertThat(e.status()).as("T0+17").isEqualTo(ExecutionStatus.RUNNING);
        after.executions.sendTaskHeartbeat(token); // T0+17: due by T0+27
        after.scheduler.advance(Duration.ofSeconds(9));
        assertThat(e.status()).as("T0+26").isEqualTo(ExecutionStatus.RUNNING);
        after.scheduler.advance(Duration.ofSeconds(1));

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(27));
        assertThatRejected(() -> after.executions.sendTaskHeartbeat(token), TaskTokenRejected.Reason.TaskTimedOut);
    }

    @Test
    void a_heartbeat_deadline_counted_from_the_journal_is_not_restarted_by_the_restart() {
        Process before = new Process(T0);
        before.start(CALLBACK.formatted("'HeartbeatSeconds':10,"), "{\"job\":1}");

        Process after = new Process(T0.plusSeconds(5));
        Execution e = after.recover();
        after.scheduler.advance(Duration.ofSeconds(5));

        assertThat(e.error()).as("due at T0+10, counted from TaskStarted").isEqualTo("States.HeartbeatTimeout");
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void a_timeout_that_passed_while_the_process_was_down_fires_at_once_on_resume() {
        Process before = new Process(T0);
        before.start(CALLBACK.formatted("'TimeoutSeconds':30,"), "{\"job\":1}");
        String token = before.token();

        Process after = new Process(T0.plusSeconds(45));
        Execution e = after.recover();

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.Timeout");
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(45));
        assertThat(Harness.types(e)).endsWith("TaskSubmitted", "TaskTimedOut", "ExecutionFailed");
        assertThatRejected(() -> after.executions.sendTaskSuccess(token, "{}"), TaskTokenRejected.Reason.TaskTimedOut);
    }

    @Test
    void a_crash_before_task_submitted_makes_the_call_again_with_the_same_token() {
        Process before = new Process(T0);
        before.functionReturns = false;
        Execution first = before.start(CALLBACK.formatted(""), "{\"job\":3}");
        assertThat(Harness.types(first)).endsWith("TaskScheduled", "TaskStarted");
        String token = before.token();

        Process after = new Process(T0.plusSeconds(5));
        Execution e = after.recover();

        assertThat(after.payloads).hasSize(1);
        assertThat(after.token()).as("the same token rides along again").isEqualTo(token);
        assertThat(Harness.types(e)).containsOnlyOnce("TaskScheduled", "TaskStarted").endsWith("TaskSubmitted");
        after.executions.sendTaskFailure(token, "Worker.Refused", "no");
        after.scheduler.runUntilDone(e.completion());
        assertThat(e.error()).isEqualTo("Worker.Refused");
    }

    @Test
    void the_token_is_journaled_as_a_note_that_the_history_does_not_show() throws IOException {
        Process before = new Process(T0);
        Execution e = before.start(CALLBACK.formatted("'HeartbeatSeconds':10,"), "{\"job\":1}");
        before.executions.sendTaskHeartbeat(before.token());

        String journal;
        try (Stream<Path> files = Files.list(folder)) {
            journal = Files.readString(files.findFirst().orElseThrow());
        }
        assertThat(journal).contains("\"note\":\"token\"", "\"note\":\"heartbeat\"");
        assertThat(e.history()).extracting(HistoryEvent::type).doesNotContain("token", "heartbeat");
        assertThat(new Process(T0).executions.recover(StateMachine::load)).isEqualTo(1);
    }

    @Test
    void a_sync_task_records_task_submitted_with_the_start_response_and_resumes_on_the_same_child() {
        Process before = new Process(T0);
        Execution first = before.start(JOB.formatted(""), "{\"n\":2}");
        assertThat(before.jobs.started).hasSize(1);
        assertThat(before.jobs.started.get(0).at("/Input/AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asText())
                .isEqualTo(first.arn());
        HistoryEvent submitted = Harness.events(first, "TaskSubmitted").get(0);
        assertThat(submitted.details().get("resource").asText()).isEqualTo("startExecution.sync:2");
        JsonNode output = json(submitted.details().get("output").asText());
        assertThat(output.get("ExecutionArn").asText()).endsWith(":Child:1");
        assertThat(output.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.at("/SdkResponseMetadata/RequestId").asText()).isNotEmpty();
        assertThat(before.jobs.awaited).containsExactly("startExecution.sync:2 " + output.get("ExecutionArn").asText());

        Process after = new Process(T0.plusSeconds(30));
        Execution e = after.recover();
        assertThat(after.jobs.started).as("no second child").isEmpty();
        assertThat(after.jobs.awaited).containsExactly("startExecution.sync:2 " + output.get("ExecutionArn").asText());

        after.jobs.running.get(0).complete(new ServiceIntegration.Response(json("{\"Status\":\"SUCCEEDED\"}")));
        after.scheduler.runUntilDone(e.completion());
        assertThat(e.output()).isEqualTo(json("{\"Status\":\"SUCCEEDED\"}"));
        assertThat(Harness.types(e)).containsOnlyOnce("TaskScheduled", "TaskSubmitted").contains("TaskSucceeded");
        assertThat(after.jobs.stopped).isEmpty();
    }

    @Test
    void stopping_the_parent_stops_the_child_it_waits_for() {
        Process p = new Process(T0);
        Execution e = p.start(JOB.formatted(""), "{\"n\":2}");

        p.executions.stop(e.arn(), null, null);
        p.scheduler.advance(Duration.ZERO);

        assertThat(p.jobs.stopped).containsExactly("arn:aws:states:us-east-1:123456789012:execution:Child:1");
    }

    @Test
    void a_sync_task_that_times_out_stops_its_child_and_the_timeout_counts_across_a_restart() {
        Process before = new Process(T0);
        before.start(JOB.formatted("'TimeoutSeconds':60,"), "{\"n\":2}");

        Process after = new Process(T0.plusSeconds(50));
        Execution e = after.recover();
        after.scheduler.advance(Duration.ofSeconds(9));
        assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
        after.scheduler.advance(Duration.ofSeconds(1));

        assertThat(e.error()).isEqualTo("States.Timeout");
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(60));
        assertThat(after.jobs.stopped).containsExactly("arn:aws:states:us-east-1:123456789012:execution:Child:1");
        assertThat(Harness.types(e)).endsWith("TaskTimedOut", "ExecutionFailed");
    }

    @Test
    void a_child_that_ends_after_its_parent_stopped_waiting_changes_nothing() {
        Process p = new Process(T0);
        Execution e = p.start(JOB.formatted("'TimeoutSeconds':5,"), "{\"n\":2}");
        p.scheduler.advance(Duration.ofSeconds(5));
        p.jobs.running.get(0).complete(new ServiceIntegration.Response(json("{}")));
        p.scheduler.runUntilIdle();

        assertThat(e.error()).isEqualTo("States.Timeout");
        assertThat(Harness.types(e)).doesNotContain("TaskSucceeded");
    }

    private static void assertThatRejected(Runnable call, TaskTokenRejected.Reason reason) {
        try {
            call.run();
        } catch (TaskTokenRejected e) {
            assertThat(e.reason()).isEqualTo(reason);
            return;
        }
        throw new AssertionError("not rejected");
    }
}
