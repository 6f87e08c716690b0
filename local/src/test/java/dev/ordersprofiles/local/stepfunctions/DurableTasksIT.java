package dev.ordersprofiles.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.LocalOptions;
import dev.ordersprofiles.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Callback and nested .sync tasks across a stop and a start of the stack on the same data, driven by the AWS SDK:
 * the worker answers with the token it was given before the stop; a parent waits for the child it started, and
 * stopping a parent stops that child.
 */
class DurableTasksIT {
    private static final Path TEMPLATE = Path.of("..", "sam", "template.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A callback task on a function of the template (health answers any event; the token rides along). */
    private static final String CALLBACK = """
            {"StartAt":"Review","States":{
              "Review":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                "Parameters":{"FunctionName":"health","Payload":{"httpMethod":"GET","path":"/health",
                  "token.$":"$$.Task.Token"}},
                "HeartbeatSecondsPath":"$.beat","ResultPath":"$.review","End":true}}}""";
    private static final String PARENT = """
            {"StartAt":"Child","States":{
              "Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                "Parameters":{"StateMachineArn":"%s","Input":{"beat":600,
                  "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},
                "OutputPath":"$.Output","End":true}}}""";

    @Test
    void a_worker_answers_with_the_token_it_got_before_the_stack_stopped() throws Exception {
        Path data = Files.createTempDirectory("durable-tasks-it");
        String execution;
        String token;
        try (LocalStack first = LocalStack.start(options(data)); SfnClient sfn = StackSfn.client(first.port())) {
            String machine = create(sfn, "callback-" + UUID.randomUUID(), CALLBACK);
            execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"beat\":600}")).executionArn();
            token = awaitToken(sfn, execution);
        }

        try (LocalStack second = LocalStack.start(options(data)); SfnClient sfn = StackSfn.client(second.port())) {
            sfn.sendTaskHeartbeat(r -> r.taskToken(token));
            sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"approved\":true}"));
            DescribeExecutionResponse done = StackSfn.awaitClosed(sfn, execution);

            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("{\"beat\":600,\"review\":{\"approved\":true}}");
            List<HistoryEventType> types = sfn.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
                    .map(HistoryEvent::type).toList();
            assertThat(types).as("the function was called once, before the stop").containsExactly(
                    HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
                    HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED,
                    HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                    HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(sfn.getExecutionHistory(r -> r.executionArn(execution)).events().get(2)
                    .taskScheduledEventDetails().heartbeatInSeconds()).isEqualTo(600L);
            assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}")))
                    .isInstanceOf(TaskTimedOutException.class);
        }
    }

    @Test
    void a_parent_waiting_for_its_child_gets_it_after_a_restart_without_a_second_child() throws Exception {
        Path data = Files.createTempDirectory("durable-nested-it");
        String child;
        String parent;
        String token;
        try (LocalStack first = LocalStack.start(options(data)); SfnClient sfn = StackSfn.client(first.port())) {
            child = create(sfn, "child-" + UUID.randomUUID(), CALLBACK);
            String machine = create(sfn, "parent-" + UUID.randomUUID(), PARENT.formatted(child));
            parent = sfn.startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
            String childExecution = awaitChild(sfn, child);
            token = awaitToken(sfn, childExecution);
            List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(parent)).events();
            assertThat(events).extracting(HistoryEvent::type).endsWith(HistoryEventType.TASK_SUBMITTED);
            JsonNode submitted = JSON.readTree(events.get(events.size() - 1).taskSubmittedEventDetails().output());
            assertThat(submitted.get("ExecutionArn").asText()).isEqualTo(childExecution);
            assertThat(submitted.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
            JsonNode childInput = JSON.readTree(sfn.describeExecution(r -> r.executionArn(childExecution)).input());
            assertThat(childInput.get("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asText()).isEqualTo(parent);
        }

        // Machines made through the API are not kept across a restart, but their executions are: each resumes with
        // the definition it started with, the child waiting on its token and the parent on that same child.
        try (LocalStack second = LocalStack.start(options(data)); SfnClient sfn = StackSfn.client(second.port())) {
            sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"approved\":true}"));
            DescribeExecutionResponse done = StackSfn.awaitClosed(sfn, parent);

            assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(JSON.readTree(done.output()).get("review").toString()).isEqualTo("{\"approved\":true}");
            assertThat(sfn.getExecutionHistory(r -> r.executionArn(parent)).events()).extracting(HistoryEvent::type)
                    .containsOnlyOnce(HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_SUBMITTED);
        }
    }

    @Test
    void stopping_a_parent_stops_the_child_it_waits_for_and_the_childs_token_answers_task_timed_out()
            throws Exception {
        Path data = Files.createTempDirectory("durable-stop-it");
        try (LocalStack stack = LocalStack.start(options(data)); SfnClient sfn = StackSfn.client(stack.port())) {
            String child = create(sfn, "child-" + UUID.randomUUID(), CALLBACK);
            String machine = create(sfn, "parent-" + UUID.randomUUID(), PARENT.formatted(child));
            String parent = sfn.startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
            String childExecution = awaitChild(sfn, child);
            String token = awaitToken(sfn, childExecution);
            awaitEvent(sfn, parent, HistoryEventType.TASK_SUBMITTED);

            sfn.stopExecution(r -> r.executionArn(parent).error("Operator.Stop").cause("no longer needed"));

            assertThat(sfn.describeExecution(r -> r.executionArn(parent)).status()).isEqualTo(ExecutionStatus.ABORTED);
            DescribeExecutionResponse stopped = StackSfn.awaitClosed(sfn, childExecution);
            assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}")))
                    .isInstanceOf(TaskTimedOutException.class);
        }
    }

    private static String create(SfnClient sfn, String name, String definition) {
        return sfn.createStateMachine(r -> r.name(name).definition(definition)
                .roleArn("arn:aws:iam::000000000000:role/test")).stateMachineArn();
    }

    private static String awaitChild(SfnClient sfn, String machine) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            var executions = sfn.listExecutions(r -> r.stateMachineArn(machine)).executions();
            if (!executions.isEmpty()) {
                assertThat(executions).hasSize(1);
                return executions.get(0).executionArn();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no child execution of " + machine);
    }

    private static void awaitEvent(SfnClient sfn, String execution, HistoryEventType type)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (sfn.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
                    .anyMatch(e -> e.type() == type)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(execution + " never recorded " + type);
    }

    /** The token, read back from the TaskScheduled parameters once the task waits (TaskSubmitted). */
    private static String awaitToken(SfnClient sfn, String execution) throws InterruptedException {
        awaitEvent(sfn, execution, HistoryEventType.TASK_SUBMITTED);
        String parameters = sfn.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
                .filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).findFirst().orElseThrow()
                .taskScheduledEventDetails().parameters();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(parameters);
        assertThat(m.find()).as(parameters).isTrue();
        return m.group(1);
    }

    private static LocalOptions options(Path data) {
        return LocalOptions.defaults().withPort(0).withDataDir(data).withTemplate(TEMPLATE);
    }
}
