package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.FN;
import static dev.ordersprofiles.local.asl.Harness.SM_ARN;
import static dev.ordersprofiles.local.asl.Harness.T0;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executions recorded in a {@link FileExecutionJournal}: what survives a crash, and what retention drops. */
class DurableExecutionsTest {

    private static final String DEFINITION = q("""
            {'StartAt':'First','States':{
              'First':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                       'Parameters':{'FunctionName':'%sfirst','Payload.$':'$'},'OutputPath':'$.Payload','Next':'Hold'},
              'Hold':{'Type':'Wait','Seconds':60,'Next':'Second'},
              'Second':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                        'Parameters':{'FunctionName':'%ssecond','Payload.$':'$'},'OutputPath':'$.Payload','End':true}}}
            """.formatted(FN, FN));
    private static final StateMachine MACHINE = StateMachine.load(SM_ARN, DEFINITION);

    @TempDir
    Path folder;

    /** One process's worth of the service: its own clock, invoker and journal on the shared folder. */
    private final class Process {
        final VirtualScheduler scheduler;
        final List<String> calls = new ArrayList<>();
        final Executions executions;

        Process(java.time.Instant now, Executions.Retention retention) {
            scheduler = new VirtualScheduler(now);
            executions = new Executions((fn, payload) -> {
                calls.add(fn.substring(fn.lastIndexOf(':') + 1));
                return CompletableFuture.completedFuture(InvocationResult.success(payload));
            }, scheduler, new Random(7), "us-east-1", FileExecutionJournal.inFolder(folder), retention);
        }

        Process(java.time.Instant now) {
            this(now, Executions.Retention.DEFAULT);
        }

        int recover() {
            return executions.recover(StateMachine::load);
        }
    }

    @Test
    void a_running_execution_continues_after_a_crash_from_the_state_it_was_in() {
        Process before = new Process(T0);
        before.executions.start(MACHINE, "order-1", "{\"orderId\":\"a\"}");
        before.scheduler.advance(Duration.ofSeconds(10));
        assertThat(before.calls).containsExactly("first");
        // the process dies here: nothing is closed, the second task never runs

        Process after = new Process(T0.plusSeconds(20));
        assertThat(after.recover()).isEqualTo(1);
        after.scheduler.runUntilIdle();

        Execution execution = after.executions.find("order-1").orElseThrow();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(json("{\"orderId\":\"a\"}"));
        assertThat(after.calls).as("the completed task is not run again").containsExactly("second");
        List<String> types = Harness.types(execution);
        assertThat(types.stream().filter("ExecutionStarted"::equals)).hasSize(1);
        assertThat(types.stream().filter("WaitStateEntered"::equals)).as("the Wait is entered again").hasSize(2);
        assertThat(types.get(types.size() - 1)).isEqualTo("ExecutionSucceeded");
        List<HistoryEvent> history = execution.history();
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).id()).isEqualTo(i + 1L);
        }
    }

    @Test
    void a_finished_execution_is_read_back_as_it_ended_and_not_run_again() {
        Process before = new Process(T0);
        Execution original = before.executions.start(MACHINE, "done", "{\"k\":1}");
        before.scheduler.runUntilIdle();
        assertThat(original.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        Process after = new Process(T0.plusSeconds(600));
        assertThat(after.recover()).isZero();
        after.scheduler.runUntilIdle();

        Execution restored = after.executions.find("done").orElseThrow();
        assertThat(after.calls).isEmpty();
        assertThat(restored.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(restored.output()).isEqualTo(original.output());
        assertThat(restored.stopDate()).isEqualTo(original.stopDate());
        assertThat(restored.history()).isEqualTo(original.history());
    }

    @Test
    void a_line_torn_by_the_crash_is_ignored() throws IOException {
        Process before = new Process(T0);
        before.executions.start(MACHINE, "torn", "{}");
        before.scheduler.advance(Duration.ofSeconds(1));
        try (Stream<Path> files = Files.list(folder)) {
            Path file = files.findFirst().orElseThrow();
            Files.writeString(file, "{\"id\":99,\"type\":\"Tas", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }

        Process after = new Process(T0.plusSeconds(5));
        assertThat(after.recover()).isEqualTo(1);
        after.scheduler.runUntilIdle();

        assertThat(after.executions.find("torn").orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void retention_keeps_the_newest_finished_executions_up_to_the_count_in_memory_and_on_disk() throws IOException {
        Process p = new Process(T0, new Executions.Retention(2, Duration.ofDays(1)));
        for (int i = 0; i < 5; i++) {
            p.executions.start(MACHINE, "run-" + i, "{}");
            p.scheduler.runUntilIdle();
        }

        assertThat(p.executions.list()).extracting(Execution::name).containsExactly("run-4", "run-3");
        assertThat(journalFiles()).isEqualTo(2);
        Process after = new Process(T0.plusSeconds(3600), new Executions.Retention(1, Duration.ofDays(1)));
        after.recover();
        assertThat(after.executions.list()).extracting(Execution::name).containsExactly("run-4");
        assertThat(journalFiles()).isEqualTo(1);
    }

    @Test
    void retention_drops_finished_executions_older_than_the_age_but_never_running_ones() throws IOException {
        Process p = new Process(T0, new Executions.Retention(100, Duration.ofHours(1)));
        p.executions.start(MACHINE, "old", "{}");
        p.scheduler.runUntilIdle();
        p.scheduler.advance(Duration.ofHours(2));

        p.executions.start(MACHINE, "new", "{}");
        p.scheduler.advance(Duration.ofSeconds(1));

        assertThat(p.executions.list()).extracting(Execution::name).containsExactly("new");
        assertThat(journalFiles()).isEqualTo(1);
    }

    private long journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
