package dev.ordersprofiles.local.asl;

import static dev.ordersprofiles.local.asl.Harness.SM_ARN;
import static dev.ordersprofiles.local.asl.Harness.T0;
import static dev.ordersprofiles.local.asl.Harness.json;
import static dev.ordersprofiles.local.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executions of EXPRESS state machines: express ARNs, no journal, names not unique, five minutes at most. */
class ExpressExecutionsTest {

    private static final StateMachine PASS = StateMachine.load(SM_ARN, q("""
            {'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'ok':true},'End':true}}}"""));

    @TempDir
    Path folder;

    private final VirtualScheduler scheduler = new VirtualScheduler(T0);

    private Executions journaled() {
        return new Executions((fn, payload) -> CompletableFuture.completedFuture(InvocationResult.success(payload)),
                scheduler, new Random(3), "us-east-1", FileExecutionJournal.inFolder(folder), Executions.Retention.DEFAULT);
    }

    @Test
    void an_express_execution_has_an_express_arn_and_runs_asynchronously() {
        Executions executions = journaled();
        Execution e = executions.startExpress(PASS, "run-1", "{}", null);
        assertThat(e.arn()).matches("arn:aws:states:us-east-1:123456789012:express:Test:run-1:"
                + "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(e.isExpress()).isTrue();
        assertThat(e.status()).as("started, not yet run").isEqualTo(ExecutionStatus.RUNNING);
        scheduler.runUntilIdle();
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(json("{\"ok\":true}"));
        assertThat(executions.find(e.arn())).contains(e);
    }

    @Test
    void express_names_need_not_be_unique() {
        Executions executions = journaled();
        Execution first = executions.startExpress(PASS, "same", "{\"a\":1}", null);
        Execution second = executions.startExpress(PASS, "same", "{\"a\":2}", null);
        scheduler.runUntilIdle();
        assertThat(first.arn()).isNotEqualTo(second.arn());
        assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executions.list()).contains(first, second);
    }

    @Test
    void nothing_of_an_express_execution_is_journaled_so_a_restart_does_not_bring_it_back() throws IOException {
        Executions before = journaled();
        StateMachine waiting = StateMachine.load(SM_ARN, q("""
                {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':10,'End':true}}}"""));
        Execution e = before.startExpress(waiting, "gone", "{}", null);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(journalFiles()).isZero();

        Executions after = journaled();
        assertThat(after.recover(StateMachine::load)).isZero();
        assertThat(after.find(e.arn())).isEmpty();
        assertThat(after.list()).isEmpty();
    }

    @Test
    void an_express_execution_times_out_after_five_minutes() {
        Executions executions = journaled();
        StateMachine slow = StateMachine.load(SM_ARN, q("""
                {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':600,'End':true}}}"""));
        Execution e = executions.startExpress(slow, null, "{}", null);
        scheduler.runUntilDone(e.completion());
        assertThat(e.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(e.error()).isEqualTo("States.Timeout");
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(300));

        Execution standard = executions.start(slow, "standard", "{}");
        scheduler.runUntilDone(standard.completion());
        assertThat(standard.status()).as("a standard one is not capped").isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void a_shorter_TimeoutSeconds_still_applies_to_an_express_execution() {
        Executions executions = journaled();
        StateMachine slow = StateMachine.load(SM_ARN, q("""
                {'TimeoutSeconds':20,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':100,'End':true}}}"""));
        Execution e = executions.startExpress(slow, null, "{}", null);
        scheduler.runUntilDone(e.completion());
        assertThat(e.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void only_the_most_recent_express_executions_are_remembered() {
        Executions executions = journaled();
        Execution oldest = executions.startExpress(PASS, "first", "{}", null);
        for (int i = 0; i < Executions.EXPRESS_KEPT; i++) {
            executions.startExpress(PASS, "run-" + i, "{}", null);
        }
        scheduler.runUntilIdle();
        assertThat(executions.list()).hasSize(Executions.EXPRESS_KEPT).doesNotContain(oldest);
        assertThat(executions.find(oldest.arn())).isEmpty();
    }

    @Test
    void an_invalid_express_name_is_refused() {
        assertThatThrownBy(() -> journaled().startExpress(PASS, "a b", "{}", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid Name");
    }

    @Test
    void an_express_machine_refuses_the_sync_and_callback_integration_patterns_anywhere_in_it() {
        StateMachine sync = StateMachine.load(SM_ARN, q("""
                {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'S','States':{
                  'S':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution.sync:2',
                       'Parameters':{'StateMachineArn':'arn:aws:states:us-east-1:123456789012:stateMachine:X'},
                       'End':true}}}]}}}"""));
        assertThatThrownBy(sync::requireExpressCompatible).isInstanceOf(AslDefinitionException.class)
                .hasMessage("SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service "
                        + "integration.");
        StateMachine callback = StateMachine.load(SM_ARN, q("""
                {'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                       'Parameters':{'FunctionName':'f','Payload':{'token.$':'$$.Task.Token'}},'End':true}}}}}}"""));
        assertThatThrownBy(callback::requireExpressCompatible).isInstanceOf(AslDefinitionException.class)
                .hasMessageContaining("does not support '.waitForTaskToken' service integration");
        StateMachine plain = StateMachine.load(SM_ARN, q("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::states:startExecution',
                  'Parameters':{'StateMachineArn':'arn:aws:states:us-east-1:123456789012:stateMachine:X'},
                  'End':true}}}"""));
        plain.requireExpressCompatible();
        PASS.requireExpressCompatible();
    }

    private long journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
