package dev.ordersprofiles.adapters.aws.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.client.RetryPolicy;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow starter against a stub Step Functions endpoint speaking the JSON 1.0 protocol, built through the
 * same factory the handlers use (AwsAdapters with a Step Functions endpoint override). The stub records every
 * request as it arrived, so the tests see exactly what goes on the wire: method, path, operation, content type,
 * body and the SigV4 headers. (That the signature itself is right is SigV4Test's business, against the SDK's
 * signer; here it must be there, for the right key, day, region and service.)
 */
class StepFunctionsOrderWorkflowTest {
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:PlaceOrder";
    private static final OrderId ORDER = OrderId.of("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final CredentialsProvider CREDENTIALS =
            CredentialsProvider.fixed(AwsCredentials.of("test-key", "test-secret"));
    private static final Answer STARTED = new Answer(200, "{\"executionArn\":\""
            + ARN.replace("stateMachine", "execution") + ":" + ORDER + "\",\"startDate\":1.7648364E9}");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    /** The stub's next answers, one per request; when none is left it answers {@link #STARTED}. */
    private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();
    private HttpServer server;
    private AwsAdapters adapters;

    record Recorded(String method, String path, String target, String contentType, String amzDate,
                    String authorization, String body) {
    }

    record Answer(int status, String body) {
    }

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        AwsSettings settings = new AwsSettings("eu-west-1", TableNames.prefixed("unused-"), Optional.of(ARN),
                Optional.empty(), Optional.of(endpoint), 8, Duration.ofDays(30));
        adapters = AwsAdapters.fromSettings(settings, CREDENTIALS, Clock.systemUTC());
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void starting_an_order_sends_one_signed_start_execution_named_by_the_order_id() {
        OrderWorkflow workflow = adapters.orderWorkflow();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        workflow.start(ORDER);

        Instant after = Instant.now();
        assertThat(requests).hasSize(1);
        Recorded request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.target()).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(request.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(request.body()).isEqualTo("{\"stateMachineArn\":\"" + ARN + "\",\"name\":\"" + ORDER
                + "\",\"input\":\"{\\\"orderId\\\":\\\"" + ORDER + "\\\"}\"}");

        Instant signedAt = LocalDateTime.parse(request.amzDate(), AMZ_DATE).toInstant(ZoneOffset.UTC);
        assertThat(signedAt).isBetween(before, after);
        String scope = request.amzDate().substring(0, 8) + "/eu-west-1/states/aws4_request";
        assertThat(request.authorization())
                .startsWith("AWS4-HMAC-SHA256 Credential=")
                .matches(Pattern.quote("AWS4-HMAC-SHA256 Credential=test-key/" + scope
                        + ", SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=") + "[0-9a-f]{64}");
    }

    @Test
    void an_execution_that_exists_already_counts_as_started() {
        answers.add(new Answer(400, "{\"__type\":\"com.amazonaws.states#ExecutionAlreadyExists\","
                + "\"message\":\"Execution Already Exists: '" + ORDER + "'\"}"));

        adapters.orderWorkflow().start(ORDER);

        assertThat(requests).hasSize(1);
    }

    @Test
    void a_missing_state_machine_propagates_without_a_retry() {
        answers.add(new Answer(400, "{\"__type\":\"com.amazonaws.states#StateMachineDoesNotExist\","
                + "\"message\":\"State Machine Does Not Exist\"}"));

        assertThatThrownBy(() -> adapters.orderWorkflow().start(ORDER))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("StateMachineDoesNotExist");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.requestId()).isEqualTo("stub-request");
                    assertThat(e).hasMessageContaining("State Machine Does Not Exist");
                });
        assertThat(requests).hasSize(1);
    }

    @Test
    void a_server_error_that_persists_makes_step_functions_unavailable_after_the_retries() {
        for (int i = 0; i < 10; i++) {
            answers.add(new Answer(500, "{\"__type\":\"InternalFailure\",\"message\":\"boom\"}"));
        }

        assertThatThrownBy(() -> adapters.orderWorkflow().start(ORDER))
                .isInstanceOf(DependencyUnavailable.class)
                .hasMessageContaining("Step Functions StartExecution")
                .cause().isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo("InternalFailure");
                });
        assertThat(requests).hasSize(RetryPolicy.standard().maxAttempts())
                .allSatisfy(r -> assertThat(r.target()).isEqualTo("AWSStepFunctions.StartExecution"))
                .extracting(Recorded::body).containsOnly(requests.get(0).body());
    }

    @Test
    void a_throttled_start_is_tried_again_and_succeeds() {
        answers.add(new Answer(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"));

        adapters.orderWorkflow().start(ORDER);

        assertThat(requests).hasSize(2);
    }

    @Test
    void without_a_state_machine_arn_there_is_no_workflow() {
        AwsSettings noArn = new AwsSettings("eu-west-1", TableNames.prefixed("unused-"), Optional.empty(),
                Optional.empty(), Optional.empty(), 8, Duration.ofDays(30));
        AwsAdapters withoutArn = AwsAdapters.fromSettings(noArn, CREDENTIALS, Clock.systemUTC());

        assertThat(withoutArn.hasStateMachine()).isFalse();
        assertThatThrownBy(withoutArn::orderWorkflow).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STATE_MACHINE_ARN");
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("X-Amz-Date"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(body, StandardCharsets.UTF_8)));
        Answer next = answers.poll();
        Answer answer = next == null ? STARTED : next;
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-request");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
