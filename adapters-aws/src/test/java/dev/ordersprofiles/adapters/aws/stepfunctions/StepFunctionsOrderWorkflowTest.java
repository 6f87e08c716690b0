package dev.ordersprofiles.adapters.aws.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.domain.order.OrderId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * The workflow starter against a stub Step Functions endpoint speaking the JSON 1.0 protocol, built through the
 * same factory the handlers use (AwsAdapters with a Step Functions endpoint override).
 */
class StepFunctionsOrderWorkflowTest {
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:PlaceOrder";
    private static final OrderId ORDER = OrderId.of("0f8fad5b-d9cb-469f-a165-70867728950e");

    private HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody = "{\"executionArn\":\"" + ARN.replace("stateMachine", "execution")
            + ":" + ORDER + "\",\"startDate\":1.7648364E9}";
    private AwsAdapters adapters;

    record Recorded(String method, String path, String target, String contentType, String body) {
    }

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8)));
            byte[] answer = responseBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-request");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        AwsSettings settings = new AwsSettings("eu-west-1", TableNames.prefixed("unused-"), Optional.of(ARN),
                Optional.empty(), Optional.of(endpoint), 8, Duration.ofDays(30));
        adapters = AwsAdapters.fromSettings(settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Clock.systemUTC());
    }

    @AfterEach
    void stopStub() {
        adapters.close();
        server.stop(0);
    }

    @Test
    void starting_an_order_sends_one_start_execution_named_by_the_order_id() {
        OrderWorkflow workflow = adapters.orderWorkflow();

        workflow.start(ORDER);

        assertThat(requests).hasSize(1);
        Recorded request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.target()).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(request.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(request.body()).isEqualTo("{\"stateMachineArn\":\"" + ARN + "\",\"name\":\"" + ORDER
                + "\",\"input\":\"{\\\"orderId\\\":\\\"" + ORDER + "\\\"}\"}");
    }

    @Test
    void an_execution_that_exists_already_counts_as_started() {
        status = 400;
        responseBody = "{\"__type\":\"com.amazonaws.states#ExecutionAlreadyExists\","
                + "\"message\":\"Execution Already Exists: '" + ORDER + "'\"}";

        adapters.orderWorkflow().start(ORDER);

        assertThat(requests).hasSize(1);
    }

    @Test
    void a_missing_state_machine_propagates() {
        status = 400;
        responseBody = "{\"__type\":\"com.amazonaws.states#StateMachineDoesNotExist\","
                + "\"message\":\"State Machine Does Not Exist\"}";

        assertThatThrownBy(() -> adapters.orderWorkflow().start(ORDER))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void a_server_error_propagates_after_the_sdk_retries() {
        status = 500;
        responseBody = "{\"__type\":\"InternalFailure\",\"message\":\"boom\"}";

        assertThatThrownBy(() -> adapters.orderWorkflow().start(ORDER))
                .isInstanceOf(SfnException.class)
                .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(500));
        assertThat(requests).hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.target()).isEqualTo("AWSStepFunctions.StartExecution"));
    }

    @Test
    void without_a_state_machine_arn_there_is_no_workflow() {
        AwsSettings noArn = new AwsSettings("eu-west-1", TableNames.prefixed("unused-"), Optional.empty(),
                Optional.empty(), Optional.empty(), 8, Duration.ofDays(30));
        try (AwsAdapters withoutArn = AwsAdapters.fromSettings(noArn,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Clock.systemUTC())) {
            assertThat(withoutArn.hasStateMachine()).isFalse();
            assertThatThrownBy(withoutArn::orderWorkflow).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("STATE_MACHINE_ARN");
        }
    }
}
