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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
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
        sfn = SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + stack.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true))
                .build();
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
