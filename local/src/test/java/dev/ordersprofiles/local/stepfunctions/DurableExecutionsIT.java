package dev.ordersprofiles.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.LocalOptions;
import dev.ordersprofiles.local.LocalStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** An execution in flight when the stack stops, or its JVM is killed, completes after the next start. */
class DurableExecutionsIT {
    private static final String HOLD = """
            {"StartAt":"Shape","States":{
              "Shape":{"Type":"Pass","Parameters":{"shaped.$":"$.n"},"Next":"Hold"},
              "Hold":{"Type":"Wait","Seconds":2,"Next":"Done"},
              "Done":{"Type":"Pass","End":true}}}""";
    private static final Path TEMPLATE = Path.of("..", "sam", "template.yaml");

    @Test
    void an_execution_running_at_a_stop_completes_after_the_restart() throws Exception {
        Path data = Files.createTempDirectory("durable-executions-it");
        String execution;
        try (LocalStack first = LocalStack.start(options(data, 0)); SfnClient sfn = StackSfn.client(first.port())) {
            execution = startHeld(sfn, "in-process");
        }

        try (LocalStack second = LocalStack.start(options(data, 0)); SfnClient sfn = StackSfn.client(second.port())) {
            DescribeExecutionResponse done = StackSfn.awaitClosed(sfn, execution);

            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("{\"shaped\":7}");
            assertThat(sfn.getExecutionHistory(r -> r.executionArn(execution)).events())
                    .extracting(HistoryEvent::type)
                    .containsOnlyOnce(HistoryEventType.EXECUTION_STARTED, HistoryEventType.EXECUTION_SUCCEEDED)
                    .filteredOn(t -> t == HistoryEventType.WAIT_STATE_ENTERED).hasSize(2);
        }
    }

    @Test
    void an_execution_running_when_the_stack_jvm_is_killed_completes_after_the_restart() throws Exception {
        Path jar = Path.of("target", "local-stack.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: " + jar + " is not built (run through verify)");
        Path data = Files.createTempDirectory("durable-executions-kill-it");
        int port = freePort();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--template", TEMPLATE.toString())
                .redirectErrorStream(true).redirectOutput(data.resolve("child.log").toFile()).start();
        String execution;
        try {
            awaitListening(port, child);
            try (SfnClient sfn = StackSfn.client(port)) {
                execution = startHeld(sfn, "killed");
            }
        } finally {
            List<ProcessHandle> descendants = child.descendants().toList();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            child.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle p : descendants) { // the store ends when its parent's pipe closes
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        }

        try (LocalStack second = LocalStack.start(options(data, 0)); SfnClient sfn = StackSfn.client(second.port())) {
            DescribeExecutionResponse done = StackSfn.awaitClosed(sfn, execution);

            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("{\"shaped\":7}");
        }
    }

    /** Creates the holding machine and starts it; returns once the execution is inside its Wait state. */
    private static String startHeld(SfnClient sfn, String name) throws InterruptedException {
        String machine = sfn.createStateMachine(r -> r.name("hold-" + name).definition(HOLD)
                .roleArn("arn:aws:iam::000000000000:role/test")).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input("{\"n\":7}"))
                .executionArn();
        Instant deadline = Instant.now().plusSeconds(30);
        while (sfn.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
                .noneMatch(e -> e.type() == HistoryEventType.WAIT_STATE_ENTERED) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(sfn.describeExecution(r -> r.executionArn(execution)).status()).isEqualTo(ExecutionStatus.RUNNING);
        return execution;
    }

    private static LocalOptions options(Path data, int port) {
        return LocalOptions.defaults().withPort(port).withDataDir(data).withTemplate(TEMPLATE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Process child) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && child.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the child stack did not start listening on " + port);
    }
}
