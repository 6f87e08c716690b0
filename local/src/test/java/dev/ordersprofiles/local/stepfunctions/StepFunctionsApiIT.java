package dev.ordersprofiles.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsService;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.client.RetryPolicy;
import dev.ordersprofiles.adapters.aws.stepfunctions.StepFunctionsOrderWorkflow;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.local.LocalOptions;
import dev.ordersprofiles.local.LocalStack;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** The Step Functions API on the stack's port, driven by the AWS SDK v2 and by the app's own adapter. */
class StepFunctionsApiIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/test";
    private static final String WAITING = """
            {"StartAt":"Hold","States":{
              "Hold":{"Type":"Wait","Seconds":600,"Next":"Done"},
              "Done":{"Type":"Succeed"}}}""";
    private static final String TWO_STEPS = """
            {"StartAt":"Shape","States":{
              "Shape":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('hello {}', $.who)"},"Next":"Done"},
              "Done":{"Type":"Pass","End":true}}}""";
    /** A callback task on a function of the template (health answers any event; the token rides along). */
    private static final String CALLBACK = """
            {"StartAt":"Review","States":{
              "Review":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                "Parameters":{"FunctionName":"health","Payload":{"httpMethod":"GET","path":"/health",
                  "token.$":"$$.Task.Token"}},
                "HeartbeatSeconds":600,"End":true}}}""";
    private static LocalStack stack;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalOptions.defaults().withPort(0)
                .withDataDir(Files.createTempDirectory("sfn-api-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml"))
                .withSfnMockConfig(Path.of("src", "test", "resources", "stepfunctions", "mock-config.json")));
        sfn = StackSfn.client(stack.port());
    }

    @AfterAll
    static void stop() {
        if (sfn != null) {
            sfn.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void the_templates_state_machine_exists_with_the_arn_sam_gives_it() {
        List<StateMachineListItem> machines = sfn.listStateMachines(r -> { }).stateMachines();

        assertThat(machines).extracting(StateMachineListItem::stateMachineArn)
                .contains("arn:aws:states:us-east-1:000000000000:stateMachine:PlaceOrderStateMachine");
        var described = sfn.describeStateMachine(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:000000000000:stateMachine:PlaceOrderStateMachine"));
        assertThat(described.name()).isEqualTo("PlaceOrderStateMachine");
        assertThat(described.definition()).contains("\"StartAt\"");
        assertThat(described.typeAsString()).isEqualTo("STANDARD");
    }

    @Test
    void create_start_describe_history_and_list() throws Exception {
        String arn = create("two-steps-" + UUID.randomUUID(), TWO_STEPS);

        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).name("first").input("{\"who\":\"sam\"}"))
                .executionArn();
        DescribeExecutionResponse done = awaitClosed(execution);

        assertThat(execution).isEqualTo(arn.replace(":stateMachine:", ":execution:") + ":first");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"greeting\":\"hello sam\"}");
        assertThat(done.input()).isEqualTo("{\"who\":\"sam\"}");
        assertThat(done.stopDate()).isNotNull();

        GetExecutionHistoryResponse history = sfn.getExecutionHistory(r -> r.executionArn(execution));
        assertThat(history.events()).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        for (int i = 0; i < history.events().size(); i++) {
            assertThat(history.events().get(i).id()).isEqualTo(i + 1L);
            assertThat(history.events().get(i).previousEventId()).isEqualTo((long) i);
        }
        assertThat(history.events().get(0).executionStartedEventDetails().input()).isEqualTo("{\"who\":\"sam\"}");
        assertThat(history.events().get(2).stateExitedEventDetails().name()).isEqualTo("Shape");
        assertThat(history.events().get(5).executionSucceededEventDetails().output())
                .isEqualTo("{\"greeting\":\"hello sam\"}");

        List<Long> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            var page = sfn.getExecutionHistory(r -> r.executionArn(execution).maxResults(4).reverseOrder(true)
                    .nextToken(next));
            page.events().forEach(e -> paged.add(e.id()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(paged).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);

        assertThat(sfn.listExecutions(r -> r.stateMachineArn(arn)).executions())
                .extracting(e -> e.name() + "/" + e.statusAsString()).containsExactly("first/SUCCEEDED");
        assertThat(sfn.listExecutions(r -> r.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING)).executions())
                .isEmpty();
    }

    @Test
    void list_executions_pages_and_filters_by_status() throws Exception {
        String arn = create("paged-" + UUID.randomUUID(), WAITING);
        for (int i = 0; i < 3; i++) {
            int n = i;
            sfn.startExecution(r -> r.stateMachineArn(arn).name("run-" + n));
        }
        String stopped = arn.replace(":stateMachine:", ":execution:") + ":run-1";
        sfn.stopExecution(r -> r.executionArn(stopped).error("Halt").cause("by the test"));

        var first = sfn.listExecutions(r -> r.stateMachineArn(arn).maxResults(2));
        var second = sfn.listExecutions(r -> r.stateMachineArn(arn).maxResults(2).nextToken(first.nextToken()));
        var running = sfn.listExecutions(r -> r.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING));

        assertThat(first.executions()).hasSize(2);
        assertThat(second.executions()).hasSize(1);
        assertThat(second.nextToken()).isNull();
        assertThat(running.executions()).extracting(e -> e.name()).containsExactlyInAnyOrder("run-0", "run-2");
        DescribeExecutionResponse aborted = sfn.describeExecution(r -> r.executionArn(stopped));
        assertThat(aborted.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(aborted.error()).isEqualTo("Halt");
        assertThat(aborted.cause()).isEqualTo("by the test");
        for (var e : running.executions()) {
            sfn.stopExecution(r -> r.executionArn(e.executionArn()));
        }
    }

    @Test
    void a_name_is_reused_only_for_a_running_execution_with_the_same_input() {
        String arn = create("names-" + UUID.randomUUID(), WAITING);

        String started = sfn.startExecution(r -> r.stateMachineArn(arn).name("once").input("{\"a\":1}"))
                .executionArn();
        String again = sfn.startExecution(r -> r.stateMachineArn(arn).name("once").input("{\"a\":1}"))
                .executionArn();

        assertThat(again).isEqualTo(started);
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(arn).name("once").input("{\"a\":2}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        sfn.stopExecution(r -> r.executionArn(started));
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(arn).name("once").input("{\"a\":1}")))
                .as("a closed execution's name is taken").isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void a_stopped_execution_can_be_redriven_and_runs_again() {
        String arn = create("redrive-" + UUID.randomUUID(), WAITING);
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        sfn.stopExecution(r -> r.executionArn(execution));

        sfn.redriveExecution(r -> r.executionArn(execution));

        DescribeExecutionResponse redriven = sfn.describeExecution(r -> r.executionArn(execution));
        assertThat(redriven.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(redriven.redriveCount()).isEqualTo(1);
        assertThat(sfn.getExecutionHistory(r -> r.executionArn(execution)).events()).extracting(HistoryEvent::type)
                .contains(HistoryEventType.EXECUTION_ABORTED, HistoryEventType.EXECUTION_REDRIVEN);
        sfn.stopExecution(r -> r.executionArn(execution));
    }

    @Test
    void a_mock_test_case_drives_the_templates_machine_through_a_retry_and_a_catch_without_its_functions()
            throws Exception {
        String machine = "arn:aws:states:us-east-1:000000000000:stateMachine:PlaceOrderStateMachine";
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine + "#ThrottledThenDeclined")
                .name("mocked-" + UUID.randomUUID()).input("{\"orderId\":\"o-mocked\"}")).executionArn();

        DescribeExecutionResponse done = awaitClosed(execution);
        assertThat(execution).startsWith("arn:aws:states:us-east-1:000000000000:execution:PlaceOrderStateMachine:");
        assertThat(done.stateMachineArn()).isEqualTo(machine);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("OrderFailed");
        List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(execution).maxResults(1000)).events();
        assertThat(events.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
                .map(e -> e.stateEnteredEventDetails().name()))
                .containsExactly("Validate", "Reserve", "Charge", "RefundPayment", "ReleaseInventory", "MarkFailed");
        assertThat(events.stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED)
                .map(e -> e.taskFailedEventDetails().error()))
                .containsExactly("Lambda.TooManyRequestsException",
                        "dev.ordersprofiles.application.order.PaymentDeclined");
        // The mocked value itself, not a Lambda envelope (a real call's output carries SdkHttpMetadata).
        assertThat(events.stream().filter(e -> e.type() == HistoryEventType.TASK_SUCCEEDED).findFirst().orElseThrow()
                .taskSucceededEventDetails().output())
                .isEqualTo("{\"StatusCode\":200,\"Payload\":{\"orderId\":\"o-mocked\",\"status\":\"VALIDATED\"}}");
    }

    @Test
    void an_unknown_mock_test_case_is_refused() {
        String machine = "arn:aws:states:us-east-1:000000000000:stateMachine:PlaceOrderStateMachine";
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machine + "#NoSuchCase")))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("Invalid mock test case name 'NoSuchCase'");
    }

    @Test
    void a_wait_for_task_token_task_is_completed_by_send_task_success_and_failure() throws Exception {
        String arn = create("callback-" + UUID.randomUUID(), CALLBACK);
        String ok = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        String token = awaitToken(ok);
        sfn.sendTaskHeartbeat(r -> r.taskToken(token));
        sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"approved\":true}"));
        DescribeExecutionResponse done = awaitClosed(ok);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"approved\":true}");
        assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}")))
                .as("the token's task has closed").isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(r -> r.taskToken("A".repeat(64))))
                .as("a well-formed token never issued").isInstanceOf(TaskDoesNotExistException.class);

        String failing = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        String second = awaitToken(failing);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(second).output("not json")))
                .isInstanceOf(InvalidOutputException.class);
        sfn.sendTaskFailure(r -> r.taskToken(second).error("Review.Rejected").cause("no"));
        DescribeExecutionResponse failed = awaitClosed(failing);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Review.Rejected");
        assertThat(failed.cause()).isEqualTo("no");
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(r -> r.taskToken("nope")))
                .isInstanceOf(InvalidTokenException.class);
    }

    /** The token, read back from the TaskScheduled parameters once the task waits (TaskSubmitted). */
    private static String awaitToken(String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(executionArn)).events();
            if (events.stream().anyMatch(e -> e.type() == HistoryEventType.TASK_SUBMITTED)) {
                String parameters = events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
                        .findFirst().orElseThrow().taskScheduledEventDetails().parameters();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"")
                        .matcher(parameters);
                assertThat(m.find()).as(parameters).isTrue();
                return m.group(1);
            }
            assertThat(events).extracting(HistoryEvent::type).doesNotContain(HistoryEventType.TASK_FAILED);
            Thread.sleep(20);
        }
        throw new AssertionError("the task never waited for its token: " + executionArn);
    }

    @Test
    void test_state_runs_one_state_and_shows_its_processing_at_debug() {
        TestStateResponse r = sfn.testState(t -> t.roleArn(ROLE).inspectionLevel(InspectionLevel.DEBUG)
                .input("{\"order\":{\"id\":\"o-1\"}}")
                .definition("{\"Type\":\"Pass\",\"InputPath\":\"$.order\",\"Parameters\":{\"id.$\":\"$.id\"},"
                        + "\"Next\":\"Charge\"}"));

        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.nextState()).isEqualTo("Charge");
        assertThat(r.output()).isEqualTo("{\"id\":\"o-1\"}");
        assertThat(r.inspectionData().afterInputPath()).isEqualTo("{\"id\":\"o-1\"}");
        assertThat(r.inspectionData().afterParameters()).isEqualTo("{\"id\":\"o-1\"}");

        TestStateResponse failed = sfn.testState(t -> t.roleArn(ROLE)
                .definition("{\"Type\":\"Fail\",\"Error\":\"Bad\",\"Cause\":\"because\"}"));
        assertThat(failed.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Bad");
        assertThat(failed.inspectionData()).isNull();
        assertThatThrownBy(() -> sfn.testState(t -> t.roleArn(ROLE).definition("{\"Type\":\"Nope\"}")))
                .isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void dynamodb_tasks_write_and_read_the_stacks_own_tables() throws Exception {
        String user = "sfn-" + UUID.randomUUID();
        String arn = create("dynamodb-" + UUID.randomUUID(), """
                {"StartAt":"Put","States":{
                  "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                    "Parameters":{"TableName":"profiles","Item":{"userId":{"S.$":"$.user"},"note":{"S":"from sfn"}}},
                    "ResultPath":null,"Next":"Update"},
                  "Update":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem",
                    "Parameters":{"TableName":"profiles","Key":{"userId":{"S.$":"$.user"}},
                      "UpdateExpression":"SET n = :n","ExpressionAttributeValues":{":n":{"N":"2"}}},
                    "ResultPath":null,"Next":"Get"},
                  "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                    "Parameters":{"TableName":"profiles","Key":{"userId":{"S.$":"$.user"}}},
                    "ResultSelector":{"note.$":"$.Item.note.S","n.$":"$.Item.n.N"},"ResultPath":"$.got","Next":"Again"},
                  "Again":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                    "Parameters":{"TableName":"profiles","Item":{"userId":{"S.$":"$.user"}},
                      "ConditionExpression":"attribute_not_exists(userId)"},
                    "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.conflict",
                      "Next":"Delete"}],"Next":"Delete"},
                  "Delete":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:deleteItem",
                    "Parameters":{"TableName":"profiles","Key":{"userId":{"S.$":"$.user"}}},"ResultPath":null,"End":true}}}
                """);

        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).input("{\"user\":\"" + user + "\"}"))
                .executionArn();
        DescribeExecutionResponse done = awaitClosed(execution);

        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        com.fasterxml.jackson.databind.JsonNode out = new com.fasterxml.jackson.databind.ObjectMapper().readTree(done.output());
        assertThat(out.get("got").toString()).isEqualTo("{\"note\":\"from sfn\",\"n\":\"2\"}");
        assertThat(out.get("conflict").get("Error").asText()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(out.get("conflict").get("Cause").asText()).startsWith("The conditional request failed (Service: "
                + "AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: ");
    }

    @Test
    void a_machine_starts_another_and_waits_for_it_with_sync_and_sync_2() throws Exception {
        String child = create("child-" + UUID.randomUUID(), """
                {"StartAt":"Check","States":{
                  "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":100,"Next":"TooBig"}],
                    "Default":"Double"},
                  "Double":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.n, $.n)"},"End":true},
                  "TooBig":{"Type":"Fail","Error":"TooBig","Cause":"n > 100"}}}""");
        String parent = create("parent-" + UUID.randomUUID(), """
                {"StartAt":"Fire","States":{
                  "Fire":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
                    "Parameters":{"StateMachineArn":"%1$s","Input":{"n":1}},"ResultPath":"$.fired","Next":"V2"},
                  "V2":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
                    "Parameters":{"StateMachineArn":"%1$s","Input":{"n.$":"$.n"}},
                    "ResultSelector":{"out.$":"$.Output","status.$":"$.Status"},"ResultPath":"$.v2","Next":"V1"},
                  "V1":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
                    "Parameters":{"StateMachineArn":"%1$s","Input":{"n":500}},
                    "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.failed","Next":"Done"}],"Next":"Done"},
                  "Done":{"Type":"Succeed"}}}""".formatted(child));

        String execution = sfn.startExecution(r -> r.stateMachineArn(parent).input("{\"n\":21}")).executionArn();
        DescribeExecutionResponse done = awaitClosed(execution);

        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        com.fasterxml.jackson.databind.JsonNode out = new com.fasterxml.jackson.databind.ObjectMapper().readTree(done.output());
        assertThat(out.at("/fired/ExecutionArn").asText())
                .startsWith(child.replace(":stateMachine:", ":execution:") + ":");
        assertThat(out.get("v2").toString()).isEqualTo("{\"out\":{\"doubled\":42},\"status\":\"SUCCEEDED\"}");
        assertThat(out.at("/failed/Error").asText()).isEqualTo("States.TaskFailed");
        com.fasterxml.jackson.databind.JsonNode cause = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.at("/failed/Cause").asText());
        assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
        assertThat(cause.get("Error").asText()).isEqualTo("TooBig");
        assertThat(cause.get("Input").asText()).as(".sync gives Input as JSON text").isEqualTo("{\"n\":500}");
        assertThat(sfn.listExecutions(r -> r.stateMachineArn(child)).executions()).hasSize(3);
        assertThat(sfn.getExecutionHistory(r -> r.executionArn(execution).maxResults(1000)).events().stream()
                .filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
                .map(e -> e.taskScheduledEventDetails().resource()))
                .containsExactly("startExecution", "startExecution.sync:2", "startExecution.sync");
    }

    @Test
    void an_express_machine_runs_synchronously() {
        String arn = sfn.createStateMachine(r -> r.name("express-" + UUID.randomUUID()).definition(TWO_STEPS)
                .roleArn(ROLE).type(StateMachineType.EXPRESS)).stateMachineArn();

        StartSyncExecutionResponse result = sfn.startSyncExecution(r -> r.stateMachineArn(arn)
                .input("{\"who\":\"express\"}"));

        assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo("{\"greeting\":\"hello express\"}");
    }

    @Test
    void update_changes_the_definition_for_new_executions_and_delete_removes_the_machine() throws Exception {
        String arn = create("updated-" + UUID.randomUUID(), WAITING);

        sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(TWO_STEPS));
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).input("{\"who\":\"v2\"}")).executionArn();
        assertThat(awaitClosed(execution).output()).isEqualTo("{\"greeting\":\"hello v2\"}");

        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        assertThatThrownBy(() -> sfn.describeStateMachine(r -> r.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void bad_requests_get_aws_errors() {
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("bad-" + UUID.randomUUID())
                .definition("{\"StartAt\":\"Nowhere\",\"States\":{}}").roleArn(ROLE)))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn(
                "arn:aws:states:us-east-1:000000000000:execution:place-order:no-such-run")))
                .isInstanceOf(ExecutionDoesNotExistException.class)
                .satisfies(e -> assertThat(((ExecutionDoesNotExistException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:000000000000:stateMachine:no-such-machine")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void the_apps_adapter_starts_the_templates_machine_once_per_order() throws Exception {
        String machine = "arn:aws:states:us-east-1:000000000000:stateMachine:PlaceOrderStateMachine";
        AwsJsonClient client = new AwsJsonClient(AwsService.STEP_FUNCTIONS, "us-east-1",
                URI.create("http://127.0.0.1:" + stack.port()),
                CredentialsProvider.fixed(AwsCredentials.of("local", "local")), RetryPolicy.none(),
                Clock.systemUTC(), AwsJsonClient.CallListener.NONE);
        StepFunctionsOrderWorkflow workflow = new StepFunctionsOrderWorkflow(client, machine);
        OrderId order = new OrderId(UUID.randomUUID().toString());

        workflow.start(order);
        workflow.start(order);

        String execution = machine.replace(":stateMachine:", ":execution:") + ":" + order.value();
        DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(execution));
        assertThat(described.input()).isEqualTo("{\"orderId\":\"" + order.value() + "\"}");
        assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine)).executions())
                .filteredOn(e -> e.name().equals(order.value())).hasSize(1);
    }

    private static String create(String name, String definition) {
        return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    /** Polls DescribeExecution until the run closes (bounded: a hung run fails the test). */
    private static DescribeExecutionResponse awaitClosed(String executionArn) throws InterruptedException {
        return StackSfn.awaitClosed(sfn, executionArn);
    }
}
