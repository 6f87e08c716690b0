package dev.ordersprofiles.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.LocalOptions;
import dev.ordersprofiles.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** EXPRESS machines and Distributed Map runs through the Step Functions API of the stack, driven by the AWS SDK v2. */
class ExpressAndMapRunsIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/test";
    private static final String GREET = """
            {"StartAt":"Shape","States":{
              "Shape":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('hello {}', $.who)"},"End":true}}}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalOptions.defaults().withPort(0)
                .withDataDir(Files.createTempDirectory("sfn-express-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml")));
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
    void an_express_machine_runs_synchronously_with_an_express_arn_and_billing_details() {
        String name = "express-" + UUID.randomUUID();
        String arn = express(name, GREET);

        StartSyncExecutionResponse result = sfn.startSyncExecution(r -> r.stateMachineArn(arn).name("call")
                .input("{\"who\":\"sync\"}"));

        assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo("{\"greeting\":\"hello sync\"}");
        assertThat(result.input()).isEqualTo("{\"who\":\"sync\"}");
        assertThat(result.executionArn()).startsWith("arn:aws:states:us-east-1:000000000000:express:" + name + ":call:");
        assertThat(result.name()).isEqualTo("call");
        assertThat(result.stateMachineArn()).isEqualTo(arn);
        assertThat(result.startDate()).isNotNull();
        assertThat(result.stopDate()).isNotNull();
        assertThat(result.inputDetails().included()).isTrue();
        assertThat(result.billingDetails().billedMemoryUsedInMB()).isEqualTo(64L);
        assertThat(result.billingDetails().billedDurationInMilliseconds() % 100).isZero();

        StartSyncExecutionResponse failed = sfn.startSyncExecution(r -> r.stateMachineArn(express(
                "failing-" + UUID.randomUUID(), "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\","
                        + "\"Error\":\"Nope\",\"Cause\":\"because\"}}}")));
        assertThat(failed.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Nope");
        assertThat(failed.cause()).isEqualTo("because");
    }

    @Test
    void start_execution_of_an_express_machine_runs_it_asynchronously_and_names_need_not_be_unique() throws Exception {
        String name = "async-" + UUID.randomUUID();
        String arn = express(name, GREET);

        String first = sfn.startExecution(r -> r.stateMachineArn(arn).name("same").input("{\"who\":\"a\"}"))
                .executionArn();
        String second = sfn.startExecution(r -> r.stateMachineArn(arn).name("same").input("{\"who\":\"b\"}"))
                .executionArn();

        assertThat(first).startsWith("arn:aws:states:us-east-1:000000000000:express:" + name + ":same:");
        assertThat(second).startsWith("arn:aws:states:us-east-1:000000000000:express:" + name + ":same:")
                .isNotEqualTo(first);
        JsonNode listed = awaitConsoleStatus(first);
        assertThat(listed.path("type").asText()).isEqualTo("EXPRESS");
        assertThat(listed.path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void describe_history_stop_redrive_and_list_answer_for_express_as_aws_does() {
        String arn = express("refused-" + UUID.randomUUID(), GREET);
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).input("{\"who\":\"x\"}")).executionArn();

        assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn(execution)))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageContaining("Resource type not valid in this context: express");
        assertThatThrownBy(() -> sfn.getExecutionHistory(r -> r.executionArn(execution)))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.stopExecution(r -> r.executionArn(execution)))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.redriveExecution(r -> r.executionArn(execution)))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.listExecutions(r -> r.stateMachineArn(arn)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class)
                .hasMessageContaining("This operation is not supported by this type of state machine");
    }

    @Test
    void start_sync_execution_of_a_standard_machine_is_refused() {
        String arn = sfn.createStateMachine(r -> r.name("standard-" + UUID.randomUUID()).definition(GREET)
                .roleArn(ROLE)).stateMachineArn();
        assertThatThrownBy(() -> sfn.startSyncExecution(r -> r.stateMachineArn(arn)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class);
    }

    @Test
    void an_express_machine_with_a_sync_or_callback_task_is_refused_at_create_and_update() {
        String sync = """
                {"StartAt":"Child","States":{"Child":{"Type":"Task",
                  "Resource":"arn:aws:states:::states:startExecution.sync",
                  "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:X"},"End":true}}}""";
        assertThatThrownBy(() -> express("sync-" + UUID.randomUUID(), sync))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' "
                        + "service integration");
        String arn = express("updated-" + UUID.randomUUID(), GREET);
        assertThatThrownBy(() -> sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(sync)))
                .isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void a_distributed_map_runs_its_items_as_child_executions_seen_through_the_map_run_operations() throws Exception {
        String name = "dmap-" + UUID.randomUUID();
        String arn = sfn.createStateMachine(r -> r.name(name).roleArn(ROLE).definition("""
                {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","Label":"each",
                  "ItemBatcher":{"MaxItemsPerBatch":2},"MaxConcurrency":2,"ToleratedFailureCount":0,
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"Count","States":{"Count":{"Type":"Pass",
                      "Parameters":{"n.$":"States.ArrayLength($.Items)"},"End":true}}},
                  "End":true}}}""")).stateMachineArn();

        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).input("{\"items\":[1,2,3,4,5]}"))
                .executionArn();
        DescribeExecutionResponse done = awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[{\"n\":2},{\"n\":2},{\"n\":1}]");

        List<MapRunListItem> runs = sfn.listMapRuns(r -> r.executionArn(execution)).mapRuns();
        assertThat(runs).hasSize(1);
        String mapRunArn = runs.get(0).mapRunArn();
        assertThat(mapRunArn).startsWith("arn:aws:states:us-east-1:000000000000:mapRun:" + name + "/each:");
        assertThat(runs.get(0).stateMachineArn()).isEqualTo(arn + "/each");
        DescribeMapRunResponse run = sfn.describeMapRun(r -> r.mapRunArn(mapRunArn));
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.executionArn()).isEqualTo(execution);
        assertThat(run.maxConcurrency()).isEqualTo(2);
        assertThat(run.itemCounts().total()).isEqualTo(5L);
        assertThat(run.itemCounts().succeeded()).isEqualTo(5L);
        assertThat(run.executionCounts().total()).isEqualTo(3L);
        assertThat(run.stopDate()).isNotNull();

        List<ExecutionListItem> children = sfn.listExecutions(r -> r.mapRunArn(mapRunArn)).executions();
        assertThat(children).hasSize(3).allSatisfy(c -> {
            assertThat(c.executionArn()).startsWith("arn:aws:states:us-east-1:000000000000:execution:" + name
                    + "/each:");
            assertThat(c.mapRunArn()).isEqualTo(mapRunArn);
            assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        });
        assertThat(children).extracting(ExecutionListItem::itemCount).containsExactlyInAnyOrder(2, 2, 1);
        assertThat(sfn.describeExecution(r -> r.executionArn(children.get(0).executionArn())).mapRunArn())
                .isEqualTo(mapRunArn);
        List<HistoryEvent> history = sfn.getExecutionHistory(r -> r.executionArn(execution)).events();
        assertThat(history).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.MAP_STATE_STARTED,
                HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_SUCCEEDED,
                HistoryEventType.MAP_STATE_SUCCEEDED);
        assertThat(history).filteredOn(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).singleElement()
                .satisfies(e -> assertThat(e.mapRunStartedEventDetails().mapRunArn()).isEqualTo(mapRunArn));

        sfn.updateMapRun(r -> r.mapRunArn(mapRunArn).maxConcurrency(5));
        assertThat(sfn.describeMapRun(r -> r.mapRunArn(mapRunArn)).maxConcurrency()).isEqualTo(5);
        assertThatThrownBy(() -> sfn.describeMapRun(r -> r.mapRunArn(mapRunArn + "x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.listExecutions(r -> r.mapRunArn(mapRunArn).stateMachineArn(arn)))
                .hasMessageContaining("not both");
    }

    @Test
    void item_reader_and_result_writer_are_refused_because_the_stack_has_no_s3() {
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("reader-" + UUID.randomUUID()).roleArn(ROLE)
                .definition("""
                        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
                          "ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b"}},
                          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                            "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}""")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Amazon S3, which the local stack does not have");
    }

    /** Polls DescribeExecution until the run closes (bounded: a hung run fails the test). */
    private static DescribeExecutionResponse awaitClosed(String executionArn) throws InterruptedException {
        return StackSfn.awaitClosed(sfn, executionArn);
    }

    private static String express(String name, String definition) {
        return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
    }

    /** Polls the console's execution list until the execution is listed and closed (bounded). */
    private static JsonNode awaitConsoleStatus(String arn) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + stack.port() + "/_local/executions?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode e : JSON.readTree(response.body()).path("executions")) {
                if (e.path("executionArn").asText().equals(arn)
                        && (!e.path("status").asText().equals("RUNNING") || Instant.now().isAfter(deadline))) {
                    return e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(arn + " is not listed by the console: " + response.body());
            }
            Thread.sleep(20);
        }
    }
}
