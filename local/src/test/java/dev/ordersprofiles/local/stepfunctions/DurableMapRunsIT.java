package dev.ordersprofiles.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.LocalOptions;
import dev.ordersprofiles.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;

/** A Distributed Map in flight when the stack stops completes after the next start, running no child twice. */
class DurableMapRunsIT {
    private static final String EACH = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","Label":"each",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":2,"Next":"Done"},
                  "Done":{"Type":"Pass","Parameters":{"seen.$":"$"},"End":true}}},
              "End":true}}}""";
    private static final Path TEMPLATE = Path.of("..", "sam", "template.yaml");

    @Test
    void a_map_run_in_flight_at_a_stop_completes_after_the_restart() throws Exception {
        Path data = Files.createTempDirectory("durable-map-runs-it");
        String execution;
        String mapRun;
        try (LocalStack first = LocalStack.start(options(data)); SfnClient sfn = StackSfn.client(first.port())) {
            String machine = sfn.createStateMachine(r -> r.name("each").definition(EACH)
                    .roleArn("arn:aws:iam::000000000000:role/test")).stateMachineArn();
            execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"items\":[1,2,3]}"))
                    .executionArn();
            Instant deadline = Instant.now().plusSeconds(30);
            String found = null;
            while (found == null && Instant.now().isBefore(deadline)) {
                found = sfn.listMapRuns(r -> r.executionArn(execution)).mapRuns().stream().findFirst()
                        .map(m -> m.mapRunArn()).orElse(null);
                if (found == null || sfn.listExecutions(r -> r.mapRunArn(mapRunOf(execution, sfn))).executions()
                        .size() < 3) {
                    found = null;
                    Thread.sleep(10);
                }
            }
            mapRun = found;
            assertThat(mapRun).isNotNull();
            assertThat(sfn.describeExecution(r -> r.executionArn(execution)).status()).isEqualTo(ExecutionStatus.RUNNING);
        }

        try (LocalStack second = LocalStack.start(options(data)); SfnClient sfn = StackSfn.client(second.port())) {
            DescribeExecutionResponse done = StackSfn.awaitClosed(sfn, execution);

            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("[{\"seen\":1},{\"seen\":2},{\"seen\":3}]");
            assertThat(sfn.getExecutionHistory(r -> r.executionArn(execution)).events()).extracting(HistoryEvent::type)
                    .containsOnlyOnce(HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_SUCCEEDED);
            assertThat(sfn.describeMapRun(r -> r.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.SUCCEEDED);
            List<ExecutionListItem> children = sfn.listExecutions(r -> r.mapRunArn(mapRun)).executions();
            assertThat(children).hasSize(3).allSatisfy(c -> {
                assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(sfn.getExecutionHistory(r -> r.executionArn(c.executionArn())).events())
                        .extracting(HistoryEvent::type).as("each child started once")
                        .containsOnlyOnce(HistoryEventType.EXECUTION_STARTED);
            });
        }
    }

    private static String mapRunOf(String execution, SfnClient sfn) {
        return sfn.listMapRuns(r -> r.executionArn(execution)).mapRuns().get(0).mapRunArn();
    }

    private static LocalOptions options(Path data) {
        return LocalOptions.defaults().withPort(0).withDataDir(data).withTemplate(TEMPLATE);
    }
}
