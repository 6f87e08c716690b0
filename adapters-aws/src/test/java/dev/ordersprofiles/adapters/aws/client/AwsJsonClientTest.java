package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ordersprofiles.adapters.aws.client.StubServer.Received;
import dev.ordersprofiles.adapters.aws.client.StubServer.Reply;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.application.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/** {@link AwsJsonClient} against a scripted local HTTP server. */
class AwsJsonClientTest {
    private static final String REGION = "eu-west-1";
    private static final AwsCredentials CREDENTIALS = new AwsCredentials("ASIACLIENTTEST",
            "client/test+secret0123456789abcdefghijkl", Optional.of("session-token-for-the-client-test=="));
    private static final Instant NOW = Instant.parse("2024-03-15T10:20:30Z");
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));
    private static final String CONDITIONAL_CHECK_FAILED =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"x\"}";
    private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput "
            + "for the table was exceeded.\"}";

    private final StubServer server = new StubServer();
    private final List<String> calls = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private AwsJsonClient client(AwsService service, RetryPolicy retry) {
        return new AwsJsonClient(service, REGION, server.uri(""), CredentialsProvider.fixed(CREDENTIALS), retry,
                Clock.fixed(NOW, ZoneOffset.UTC),
                (operation, request, status, body) -> calls.add(operation + " "
                        + new String(request, StandardCharsets.UTF_8) + " " + status + " "
                        + new String(body, StandardCharsets.UTF_8)));
    }

    private AwsJsonClient dynamoDb() {
        return client(AwsService.DYNAMODB, FAST);
    }

    // --- the request

    @Test
    void sends_a_signed_post_of_the_body_unchanged_to_slash() {
        byte[] body = "{\"TableName\":\"orders\",\"Key\":{\"pk\":{\"S\":\"Zoë — 東京 🍣\"}}}"
                .getBytes(StandardCharsets.UTF_8);

        dynamoDb().call("GetItem", body);

        assertThat(server.received()).hasSize(1);
        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.query()).isNull();
        assertThat(request.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.GetItem");
        assertThat(request.headerValues("Content-Type")).containsExactly("application/x-amz-json-1.0");
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.header("Content-Length")).isEqualTo(Integer.toString(body.length));
        assertThat(request.header("Transfer-Encoding")).isNull();
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(request.header("X-Amz-Date")).isEqualTo("20240315T102030Z");
        assertThat(request.header("X-Amz-Security-Token")).isEqualTo(CREDENTIALS.sessionToken().orElseThrow());
        assertThat(request.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=ASIACLIENTTEST/20240315/eu-west-1/dynamodb/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=");
        assertThat(request.header("Authorization")).isEqualTo(expectedAuthorization(request, CREDENTIALS, "dynamodb"));
    }

    @Test
    void step_functions_calls_carry_their_target_and_signing_name() {
        byte[] body = "{\"stateMachineArn\":\"arn:aws:states:eu-west-1:1:stateMachine:m\",\"name\":\"n\"}"
                .getBytes(StandardCharsets.UTF_8);

        client(AwsService.STEP_FUNCTIONS, FAST).call("StartExecution", body);

        Received request = server.received().get(0);
        assertThat(request.header("X-Amz-Target")).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-amz-json-1.0");
        assertThat(request.header("Authorization")).contains("/eu-west-1/states/aws4_request");
        assertThat(request.header("Authorization")).isEqualTo(expectedAuthorization(request, CREDENTIALS, "states"));
    }

    @Test
    void an_empty_body_is_sent_as_such_and_signed() {
        dynamoDb().call("ListTables", new byte[0]);

        Received request = server.received().get(0);
        assertThat(request.body()).isEmpty();
        assertThat(request.header("Content-Length")).isEqualTo("0");
        assertThat(request.header("Authorization")).isEqualTo(expectedAuthorization(request, CREDENTIALS, "dynamodb"));
    }

    @Test
    void a_large_body_arrives_whole() {
        byte[] body = ("{\"k\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        dynamoDb().call("PutItem", body);

        assertThat(server.received().get(0).body()).isEqualTo(body);
    }

    @Test
    void posts_to_slash_whatever_path_and_query_the_endpoint_has() {
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri("/some/path?x=1"),
                CredentialsProvider.fixed(CREDENTIALS), FAST, Clock.fixed(NOW, ZoneOffset.UTC),
                AwsJsonClient.CallListener.NONE);

        client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        Received request = server.received().get(0);
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.query()).isNull();
        assertThat(request.header("Authorization")).isEqualTo(expectedAuthorization(request, CREDENTIALS, "dynamodb"));
    }

    @Test
    void long_term_credentials_send_no_security_token() {
        AwsCredentials keys = AwsCredentials.of("AKIALONGTERM", "long/term+secret");
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""),
                CredentialsProvider.fixed(keys), FAST, Clock.fixed(NOW, ZoneOffset.UTC),
                AwsJsonClient.CallListener.NONE);

        client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        Received request = server.received().get(0);
        assertThat(request.header("X-Amz-Security-Token")).isNull();
        assertThat(request.header("Authorization"))
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,");
        assertThat(request.header("Authorization")).isEqualTo(expectedAuthorization(request, keys, "dynamodb"));
    }

    @ParameterizedTest
    @CsvSource({"ftp://dynamodb.eu-west-1.amazonaws.com", "dynamodb.eu-west-1.amazonaws.com", "http:///no-host",
            "file:/tmp/x"})
    void refuses_an_endpoint_that_is_not_an_http_url(String endpoint) {
        assertThatThrownBy(() -> new AwsJsonClient(AwsService.DYNAMODB, REGION, URI.create(endpoint),
                CredentialsProvider.fixed(CREDENTIALS), FAST, Clock.systemUTC(), AwsJsonClient.CallListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DynamoDB");
    }

    // --- responses

    @Test
    void answers_the_body_of_a_200() {
        String answer = "{\"Item\":{\"pk\":{\"S\":\"ORDER#42\"},\"name\":{\"S\":\"Zoë\"}}}";
        server.then(Reply.ok(answer));

        byte[] response = dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response).isEqualTo(answer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answers_an_empty_body_for_a_200_without_one() {
        server.then(new Reply(200, Map.of(), new byte[0]));

        assertThat(dynamoDb().call("DeleteItem", "{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void a_conditional_check_failure_is_thrown_with_its_short_code_and_is_not_retried() {
        server.always(Reply.json(400, CONDITIONAL_CHECK_FAILED).withHeader("X-Amzn-RequestId", "REQ-1"));

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> dynamoDb().call("PutItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo("ConditionalCheckFailedException");
        assertThat(error.is("ConditionalCheckFailedException")).isTrue();
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.service()).isEqualTo("DynamoDB");
        assertThat(error.requestId()).isEqualTo("REQ-1");
        assertThat(error.body()).isEqualTo(CONDITIONAL_CHECK_FAILED.getBytes(StandardCharsets.UTF_8));
        assertThat(error.getMessage()).contains("PutItem", "ConditionalCheckFailedException", "400", ": x", "REQ-1");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ValidationException|{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"bad\"}",
            "ResourceNotFoundException|{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\"}",
            "AccessDeniedException|{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"no\"}",
            "UnrecognizedClientException|{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\"}",
            "ExpiredTokenException|{\"__type\":\"com.amazon.coral.service#ExpiredTokenException\"}"})
    void other_client_errors_are_not_retried_either(String code, String body) {
        server.always(Reply.json(400, body));

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> dynamoDb().call("Query", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void the_message_may_be_spelled_with_a_capital() {
        server.always(Reply.json(400,
                "{\"Message\":\"Requested resource not found\",\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                        + "ResourceNotFoundException\",\"extra\":{\"nested\":[1,2,{\"__type\":\"Wrong\"}]}}"));

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(error.getMessage()).contains("Requested resource not found");
    }

    @Test
    void the_error_type_header_names_the_error_when_the_body_does_not() {
        server.always(new Reply(400, Map.of("X-Amzn-ErrorType",
                "ExecutionAlreadyExists:http://internal.amazon.com/coral/com.amazonaws.swf.service.v2/"),
                new byte[0]));

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> client(AwsService.STEP_FUNCTIONS, FAST).call("StartExecution",
                        "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("ExecutionAlreadyExists");
        assertThat(error.service()).isEqualTo("Step Functions");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void the_error_type_header_names_the_error_when_the_body_has_only_a_message() {
        server.always(Reply.json(400, "{\"message\":\"Execution Already Exists: 'arn:aws:states:…'\"}")
                .withHeader("X-Amzn-ErrorType", "ExecutionAlreadyExists:http://internal.amazon.com/coral/x/"));

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> client(AwsService.STEP_FUNCTIONS, FAST).call("StartExecution",
                        "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("ExecutionAlreadyExists");
        assertThat(error.getMessage()).contains("Execution Already Exists");
    }

    @Test
    void an_error_without_type_is_named_after_its_status() {
        server.always(new Reply(404, Map.of("Content-Type", "text/html"),
                "<html>not found</html>".getBytes(StandardCharsets.UTF_8)));

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("HTTP404");
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"401", "403", "407"})
    void an_authentication_status_keeps_its_error_body(int status) {
        // HttpURLConnection hides such a body in streaming mode (it would want to retry with credentials); the
        // client sends buffered, so the service's own error code reaches the caller.
        server.always(Reply.json(status, "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
                + "\"message\":\"The security token included in the request is invalid.\"}"));

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.getMessage()).contains("The security token included in the request is invalid.");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void the_proxy_selector_is_consulted_only_when_the_jvm_was_given_a_proxy() {
        assertThat(AwsJsonClient.proxyConfigured(properties())).isFalse();
        assertThat(AwsJsonClient.proxyConfigured(properties("http.proxyHost", " "))).isFalse();
        assertThat(AwsJsonClient.proxyConfigured(properties("java.net.useSystemProxies", "false"))).isFalse();
        assertThat(AwsJsonClient.proxyConfigured(properties("http.nonProxyHosts", "localhost"))).isFalse();
        assertThat(AwsJsonClient.proxyConfigured(properties("http.proxyHost", "proxy.corp"))).isTrue();
        assertThat(AwsJsonClient.proxyConfigured(properties("https.proxyHost", "proxy.corp"))).isTrue();
        assertThat(AwsJsonClient.proxyConfigured(properties("socksProxyHost", "socks.corp"))).isTrue();
        assertThat(AwsJsonClient.proxyConfigured(properties("java.net.useSystemProxies", "true"))).isTrue();
    }

    private static Properties properties(String... nameValues) {
        Properties properties = new Properties();
        for (int i = 0; i < nameValues.length; i += 2) {
            properties.setProperty(nameValues[i], nameValues[i + 1]);
        }
        return properties;
    }

    // --- retries

    @Test
    void throttling_is_retried_up_to_max_attempts_then_the_dependency_is_unavailable() {
        server.always(Reply.json(400, THROTTLED));

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> dynamoDb().call("PutItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error).hasMessageContaining("DynamoDB PutItem").hasMessageContaining("3 attempt");
        assertThat(error.getCause()).isInstanceOfSatisfying(AwsServiceException.class, last ->
                assertThat(last.errorCode()).isEqualTo("ProvisionedThroughputExceededException"));
        assertThat(server.requestCount()).isEqualTo(3);
    }

    /** The state machine's Retry matches this exact name (docs/architecture.md §7): no subclass may stand in. */
    @Test
    void the_transient_error_is_the_workflow_contract_class_itself() {
        server.always(Reply.json(503, "{}"));

        Throwable error = catchThrowable(() -> dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.getClass().getName()).isEqualTo("dev.ordersprofiles.application.shared.DependencyUnavailable");
    }

    @ParameterizedTest
    @CsvSource({"400, ThrottlingException", "400, RequestLimitExceeded", "400, TransactionInProgressException",
            "429, TooManyRequestsException", "400, Throttling", "400, ThrottledException", "500, InternalServerError",
            "502, HTTP502", "503, ServiceUnavailable", "504, HTTP504"})
    void every_throttle_and_server_error_that_persists_makes_the_dependency_unavailable(int status, String code) {
        server.always(Reply.json(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\"}"));

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> dynamoDb().call("Query", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.getCause()).isInstanceOfSatisfying(AwsServiceException.class, last -> {
            assertThat(last.errorCode()).isEqualTo(code);
            assertThat(last.statusCode()).isEqualTo(status);
        });
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void throttling_then_success_answers_the_body() {
        server.then(Reply.json(400, THROTTLED), Reply.ok("{\"Attributes\":{}}"));

        byte[] response = dynamoDb().call("UpdateItem", "{\"u\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("{\"Attributes\":{}}");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.received()).allSatisfy(request ->
                assertThat(request.bodyText()).isEqualTo("{\"u\":1}"));
    }

    @ParameterizedTest
    @CsvSource({"ThrottlingException", "TransactionInProgressException", "RequestLimitExceeded"})
    void the_other_throttling_codes_are_retried(String code) {
        server.then(Reply.json(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\"}"),
                Reply.ok("{}"));

        dynamoDb().call("TransactWriteItems", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_server_error_is_retried() {
        server.then(Reply.json(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"}"),
                Reply.ok("{\"ok\":true}"));

        byte[] response = dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_server_error_that_persists_makes_the_dependency_unavailable_after_max_attempts() {
        server.always(Reply.json(503, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ServiceUnavailable\"}"));

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.getCause()).isInstanceOfSatisfying(AwsServiceException.class, last -> {
            assertThat(last.statusCode()).isEqualTo(503);
            assertThat(last.errorCode()).isEqualTo("ServiceUnavailable");
        });
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void a_proxy_error_page_is_retried_and_named_after_its_status() {
        server.always(new Reply(502, Map.of("Content-Type", "text/html"),
                "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8)));

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.getCause()).isInstanceOfSatisfying(AwsServiceException.class, last ->
                assertThat(last.errorCode()).isEqualTo("HTTP502"));
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void one_attempt_only_with_the_none_policy() {
        server.always(Reply.json(500, "{}"));

        assertThatThrownBy(() -> client(AwsService.DYNAMODB, RetryPolicy.none())
                .call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyUnavailable.class)
                .hasMessageContaining("1 attempt");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void every_attempt_is_signed_afresh_with_the_time_and_credentials_of_that_attempt() {
        server.then(Reply.json(400, THROTTLED), Reply.json(500, "{}"), Reply.ok("{}"));
        // Seven minutes pass after every exchange, so each attempt signs with a later time than the one before.
        MutableClock clock = new MutableClock(NOW);
        List<AwsCredentials> rotation = List.of(CREDENTIALS,
                new AwsCredentials("ASIASECOND", "second/secret", Optional.of("token-2")),
                AwsCredentials.of("AKIATHIRD", "third/secret"));
        AtomicInteger fetched = new AtomicInteger();
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""),
                () -> rotation.get(fetched.getAndIncrement()), FAST, clock,
                (operation, request, status, response) -> clock.advance(Duration.ofMinutes(7)))
                .withCallContext(deadlineAt(NOW.plus(Duration.ofHours(1))), AwsJsonClient.DEFAULT_CALL_TIMEOUT);

        client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        List<Received> requests = server.received();
        assertThat(requests).extracting(request -> request.header("X-Amz-Date"))
                .containsExactly("20240315T102030Z", "20240315T102730Z", "20240315T103430Z");
        for (int i = 0; i < 3; i++) {
            assertThat(requests.get(i).header("Authorization"))
                    .isEqualTo(expectedAuthorization(requests.get(i), rotation.get(i), "dynamodb"));
        }
        assertThat(requests.get(2).header("X-Amz-Security-Token")).isNull();
    }

    // --- CRC32

    @Test
    void a_correct_crc32_is_accepted() {
        server.then(Reply.ok("{\"Item\":{\"pk\":{\"S\":\"a\"}}}").withCrc32());

        byte[] response = dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("{\"Item\":{\"pk\":{\"S\":\"a\"}}}");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void a_correct_crc32_above_two_to_the_31_is_accepted() {
        String body = bodyWithCrc32AtLeast(0x8000_0000L);

        server.then(Reply.ok(body).withCrc32());

        assertThat(new String(dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void a_correct_crc32_on_an_error_is_accepted() {
        server.always(Reply.json(400, CONDITIONAL_CHECK_FAILED).withCrc32());

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> dynamoDb().call("PutItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("ConditionalCheckFailedException");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void a_wrong_crc32_is_retried() {
        String body = "{\"Item\":{\"pk\":{\"S\":\"a\"}}}";
        server.then(Reply.ok(body).withHeader("X-Amz-Crc32", Long.toString(crc32(body) ^ 1)),
                Reply.ok(body).withCrc32());

        byte[] response = dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_crc32_that_is_always_wrong_makes_the_dependency_unavailable_after_max_attempts() {
        server.always(Reply.ok("{\"Count\":1}").withHeader("X-Amz-Crc32", "12345"));

        assertThatThrownBy(() -> dynamoDb().call("Query", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyUnavailable.class)
                .hasMessageContaining("Query")
                .hasMessageContaining("3 attempt")
                .cause().hasMessageContaining("CRC32");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    // --- connection failures

    @Test
    void a_refused_connection_makes_the_dependency_unavailable_after_max_attempts() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AtomicInteger attempts = new AtomicInteger();
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION,
                URI.create("http://127.0.0.1:" + closedPort), () -> {
                    attempts.incrementAndGet();
                    return CREDENTIALS;
                }, FAST, Clock.fixed(NOW, ZoneOffset.UTC), AwsJsonClient.CallListener.NONE);

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error).isNotNull().hasMessageContaining("3 attempt");
        assertThat(error.getCause()).isInstanceOf(ConnectException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void a_server_that_accepts_but_never_answers_times_out_into_dependency_unavailable() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, silent.uri(),
                    CredentialsProvider.fixed(CREDENTIALS), FAST, Clock.fixed(NOW, ZoneOffset.UTC),
                    AwsJsonClient.CallListener.NONE).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200));

            DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                    () -> client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

            assertThat(error).isNotNull().hasMessageContaining("3 attempt");
            assertThat(error.getCause()).isInstanceOf(SocketTimeoutException.class);
            assertThat(silent.accepted()).isEqualTo(3);
        }
    }

    @Test
    void an_unreachable_credentials_endpoint_is_a_connection_failure_too() {
        AtomicInteger asked = new AtomicInteger();
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""), () -> {
            asked.incrementAndGet();
            throw new UncheckedIOException("could not fetch container credentials", new ConnectException("refused"));
        }, FAST, Clock.fixed(NOW, ZoneOffset.UTC), AwsJsonClient.CallListener.NONE);

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.getCause()).isInstanceOf(ConnectException.class);
        assertThat(asked).hasValue(3);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void timeouts_must_be_positive() {
        AwsJsonClient client = dynamoDb();

        assertThatThrownBy(() -> client.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect");
        assertThatThrownBy(() -> client.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read");
    }

    // --- back-off and the call's deadline (the pauses recorded, the clock moved by them: nothing is timed)

    /** Jitter that always draws the cap, so the recorded pauses are the caps themselves. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private static CallContext deadlineAt(Instant deadline) {
        return context(Optional.of(deadline), Optional.empty());
    }

    private static CallContext context(Optional<Instant> deadline, Optional<String> trace) {
        return new CallContext() {
            @Override
            public Optional<Instant> deadline() {
                return deadline;
            }

            @Override
            public Optional<String> traceHeader() {
                return trace;
            }
        };
    }

    /** A client on {@code clock} whose pauses are recorded in {@code pauses} and move the clock on. */
    private AwsJsonClient pausing(RetryPolicy retry, MutableClock clock, List<Long> pauses, CallContext context,
                                  Duration defaultTimeout) {
        return new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""), CredentialsProvider.fixed(CREDENTIALS),
                retry, clock, AwsJsonClient.CallListener.NONE)
                .withCallContext(context, defaultTimeout)
                .withPauses(millis -> {
                    pauses.add(millis);
                    clock.advance(Duration.ofMillis(millis));
                }, HIGHEST);
    }

    @Test
    void throttles_back_off_from_one_second_doubling_up_to_twenty_seconds() {
        server.always(Reply.json(400, THROTTLED));
        MutableClock clock = new MutableClock(NOW);
        List<Long> pauses = new ArrayList<>();
        RetryPolicy patient = new RetryPolicy(8, Duration.ofMillis(25), Duration.ofSeconds(1), Duration.ofSeconds(20));

        assertThatThrownBy(() -> pausing(patient, clock, pauses, deadlineAt(NOW.plus(Duration.ofMinutes(10))),
                AwsJsonClient.DEFAULT_CALL_TIMEOUT).call("PutItem", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyUnavailable.class).hasMessageContaining("8 attempt");

        assertThat(pauses).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 20_000L, 20_000L);
        assertThat(server.requestCount()).isEqualTo(8);
    }

    @Test
    void server_errors_back_off_from_the_short_base() {
        server.always(Reply.json(500, "{}"));
        MutableClock clock = new MutableClock(NOW);
        List<Long> pauses = new ArrayList<>();

        assertThatThrownBy(() -> pausing(RetryPolicy.dynamoDb(), clock, pauses, CallContext.NONE,
                AwsJsonClient.DEFAULT_CALL_TIMEOUT).call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyUnavailable.class);

        assertThat(pauses).containsExactly(25L, 50L, 100L);
    }

    @Test
    void no_pause_runs_past_the_invocations_deadline() {
        server.always(Reply.json(400, THROTTLED));
        MutableClock clock = new MutableClock(NOW);
        List<Long> pauses = new ArrayList<>();
        RetryPolicy patient = new RetryPolicy(10, Duration.ofMillis(25), Duration.ofSeconds(1), Duration.ofSeconds(20));

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> pausing(patient, clock, pauses, deadlineAt(NOW.plusSeconds(5)), Duration.ofMinutes(10))
                        .call("PutItem", "{}".getBytes(StandardCharsets.UTF_8)));

        // 1 s + 2 s leave 2 s; the next pause (4 s) would end past the deadline, so the call gives up there
        assertThat(pauses).containsExactly(1_000L, 2_000L);
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(error).hasMessageContaining("3 attempt").hasMessageContaining("deadline");
        assertThat(error.getCause()).isInstanceOf(AwsServiceException.class);
        assertThat(clock.instant()).isBefore(NOW.plusSeconds(5));
    }

    @Test
    void without_an_invocation_deadline_the_default_call_timeout_bounds_the_call() {
        server.always(Reply.json(400, THROTTLED));
        MutableClock clock = new MutableClock(NOW);
        List<Long> pauses = new ArrayList<>();
        RetryPolicy patient = new RetryPolicy(10, Duration.ofMillis(25), Duration.ofSeconds(1), Duration.ofSeconds(20));

        assertThatThrownBy(() -> pausing(patient, clock, pauses, CallContext.NONE, Duration.ofSeconds(3))
                .call("PutItem", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DependencyUnavailable.class).hasMessageContaining("deadline");

        assertThat(pauses).containsExactly(1_000L);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void the_default_call_timeout_is_well_under_the_functions_timeout() {
        assertThat(AwsJsonClient.DEFAULT_CALL_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_call_whose_deadline_has_passed_sends_nothing() {
        MutableClock clock = new MutableClock(NOW);

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> pausing(RetryPolicy.dynamoDb(), clock, new ArrayList<>(), deadlineAt(NOW),
                        AwsJsonClient.DEFAULT_CALL_TIMEOUT).call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error).hasMessageContaining("0 attempt").hasMessageContaining("no time left");
        assertThat(error.getCause()).isNull();
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void each_attempts_socket_timeouts_are_cut_to_the_time_left() {
        assertThat(AwsJsonClient.attemptTimeout(10_000, 60_000)).isEqualTo(10_000);
        assertThat(AwsJsonClient.attemptTimeout(10_000, 1_234)).isEqualTo(1_234);
        assertThat(AwsJsonClient.attemptTimeout(2_000, 0)).as("never 0, which would mean no timeout").isEqualTo(1);
    }

    @Test
    void a_hung_server_holds_a_call_no_longer_than_its_deadline_allows() {
        try (SilentServer silent = new SilentServer()) {
            // read timeout 10 s by default; the deadline (a fixed clock: it never passes) leaves 200 ms per attempt
            AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, silent.uri(),
                    CredentialsProvider.fixed(CREDENTIALS), FAST, Clock.fixed(NOW, ZoneOffset.UTC),
                    AwsJsonClient.CallListener.NONE).withCallContext(deadlineAt(NOW.plusMillis(200)),
                    AwsJsonClient.DEFAULT_CALL_TIMEOUT);

            DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                    () -> client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

            assertThat(error.getCause()).isInstanceOf(SocketTimeoutException.class);
            assertThat(silent.accepted()).isEqualTo(3);
        }
    }

    // --- the trace header

    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @Test
    void the_invocations_trace_header_goes_out_unsigned() {
        AwsJsonClient client = dynamoDb().withCallContext(context(Optional.empty(), Optional.of(TRACE)),
                AwsJsonClient.DEFAULT_CALL_TIMEOUT);

        client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        Received request = server.received().get(0);
        assertThat(request.header("X-Amzn-Trace-Id")).isEqualTo(TRACE);
        assertThat(request.header("Authorization")).doesNotContain("x-amzn-trace-id");
        assertThat(request.header("Authorization")).isEqualTo(expectedAuthorization(request, CREDENTIALS, "dynamodb"));
    }

    @Test
    void without_a_trace_header_none_is_sent() {
        dynamoDb().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(server.received().get(0).header("X-Amzn-Trace-Id")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Root=1-abc;Sampled=0|Root=1-abc;Sampled=0", "'  Root=1-abc  '|Root=1-abc", "''|NULL", "'   '|NULL",
            "NULL|NULL", "Root=1-abc\\r\\nX-Injected: 1|NULL", "Root=1-ä|NULL"})
    void a_trace_header_goes_out_only_as_visible_ascii(String value, String expected) {
        String unescaped = value == null ? null : value.replace("\\r", "\r").replace("\\n", "\n");

        assertThat(AwsJsonClient.traceHeader(unescaped)).isEqualTo(expected);
    }

    // --- clock skew: the server's Date header is the JDK server's own clock, ours is set 15 minutes behind it

    private static final String SIGNATURE_EXPIRED = "{\"__type\":\"com.amazon.coral.service#"
            + "InvalidSignatureException\",\"message\":\"Signature expired: 20240315T102030Z is now earlier than "
            + "20240315T103530Z (20240315T104030Z - 5 min.)\"}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\",\"message\":\"Signature expired\"}",
            "{\"__type\":\"RequestTimeTooSkewed\"}"})
    void a_clock_skew_error_is_corrected_from_the_date_header_and_tried_once_more(String skewError) {
        server.then(Reply.json(400, skewError), Reply.ok("{\"ok\":1}"), Reply.ok("{}"));
        Instant behind = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(15));
        MutableClock clock = new MutableClock(behind);
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""),
                CredentialsProvider.fixed(CREDENTIALS), RetryPolicy.none(), clock, AwsJsonClient.CallListener.NONE);

        byte[] answer = client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));
        client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{\"ok\":1}");
        List<Received> requests = server.received();
        assertThat(requests).hasSize(3);
        assertThat(Duration.between(behind, signedAt(requests.get(0)))).isZero();
        for (Received later : requests.subList(1, 3)) {
            assertThat(Duration.between(behind, signedAt(later)))
                    .as("signed with the service's time, ours + the offset")
                    .isBetween(Duration.ofMinutes(15).minusSeconds(5), Duration.ofMinutes(15).plusSeconds(5));
            assertThat(later.header("Authorization")).isEqualTo(expectedAuthorization(later, CREDENTIALS, "dynamodb"));
        }
        assertThat(client.clockSkew()).isBetween(Duration.ofMinutes(15).minusSeconds(5),
                Duration.ofMinutes(15).plusSeconds(5));
    }

    @Test
    void after_a_restore_the_learnt_skew_the_cached_credentials_and_the_jitter_seed_are_gone() {
        server.then(Reply.json(400, "{\"__type\":\"RequestTimeTooSkewed\"}"), Reply.ok("{}"));
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(15)));
        int[] forgotten = {0};
        CredentialsProvider counting = new CredentialsProvider() {
            @Override
            public AwsCredentials credentials() {
                return CREDENTIALS;
            }

            @Override
            public void forgetCached() {
                forgotten[0]++;
            }
        };
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""), counting,
                RetryPolicy.none(), clock, AwsJsonClient.CallListener.NONE);
        client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(client.clockSkew()).isNotEqualTo(Duration.ZERO);
        java.util.random.RandomGenerator jitterBefore = Jitter.current();

        client.afterRestore();

        assertThat(client.clockSkew()).isZero();
        assertThat(forgotten[0]).isEqualTo(1);
        assertThat(Jitter.current()).isNotSameAs(jitterBefore);
        assertThat(server.received()).hasSize(2); // the restore itself sent nothing
    }

    @Test
    void the_skew_correction_is_tried_once_per_call() {
        server.always(Reply.json(400, SIGNATURE_EXPIRED));
        MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofMinutes(15)));
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""),
                CredentialsProvider.fixed(CREDENTIALS), FAST, clock, AwsJsonClient.CallListener.NONE);

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_signature_error_with_clocks_that_agree_is_not_a_skew_and_not_retried() {
        server.always(Reply.json(400, "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
                + "\"message\":\"The request signature we calculated does not match the signature you provided.\"}"));
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""),
                CredentialsProvider.fixed(CREDENTIALS), FAST, new MutableClock(Instant.now()),
                AwsJsonClient.CallListener.NONE);

        AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                () -> client.call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(client.clockSkew()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Fri, 15 Mar 2024 10:35:30 GMT|2024-03-15T10:35:30Z", "Tue, 3 Jun 2008 11:05:30 GMT|2008-06-03T11:05:30Z",
            "NULL|NULL", "''|NULL", "yesterday|NULL"})
    void the_date_header_is_read_as_rfc_1123(String header, String expected) {
        assertThat(AwsJsonClient.serverTime(header)).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    private static Instant signedAt(Received request) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .parse(request.header("X-Amz-Date"), Instant::from);
    }

    // --- the listener

    @Test
    void the_call_listener_sees_every_exchange() {
        server.then(Reply.json(400, THROTTLED), Reply.json(500, "{\"e\":1}"), Reply.ok("{\"Item\":{}}"),
                Reply.json(400, CONDITIONAL_CHECK_FAILED));
        AwsJsonClient client = dynamoDb();

        client.call("GetItem", "{\"g\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> client.call("PutItem", "{\"p\":2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AwsServiceException.class);

        assertThat(calls).containsExactly(
                "GetItem {\"g\":1} 400 " + THROTTLED,
                "GetItem {\"g\":1} 500 {\"e\":1}",
                "GetItem {\"g\":1} 200 {\"Item\":{}}",
                "PutItem {\"p\":2} 400 " + CONDITIONAL_CHECK_FAILED);
    }

    // --- keep-alive

    @Test
    void sequential_calls_reuse_the_connection() {
        server.always(Reply.ok("{\"Item\":{}}").withCrc32());
        AwsJsonClient client = dynamoDb();

        for (int i = 0; i < 20; i++) {
            client.call("GetItem", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }

        Set<Integer> ports = server.received().stream().map(Received::remotePort).collect(Collectors.toSet());
        assertThat(server.requestCount()).isEqualTo(20);
        assertThat(ports).hasSize(1);
    }

    @Test
    void error_responses_do_not_cost_the_connection() {
        AwsJsonClient client = dynamoDb();

        for (int i = 0; i < 20; i++) {
            server.then(i % 2 == 0 ? Reply.ok("{}") : Reply.json(400, CONDITIONAL_CHECK_FAILED));
            try {
                client.call("PutItem", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            } catch (AwsServiceException expected) {
                assertThat(expected.errorCode()).isEqualTo("ConditionalCheckFailedException");
            }
        }

        Set<Integer> ports = server.received().stream().map(Received::remotePort).collect(Collectors.toSet());
        assertThat(server.requestCount()).isEqualTo(20);
        assertThat(ports).hasSize(1);
    }

    // --- error codes

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException|400|ConditionalCheckFailedException",
            "ExecutionAlreadyExists:http://internal.amazon.com/coral/com.amazonaws.swf.service.v2/|400|"
                    + "ExecutionAlreadyExists",
            "aws.protocoltests#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/|400|FooError",
            "  ThrottlingException  |400|ThrottlingException",
            "ValidationException|400|ValidationException",
            "NULL|503|HTTP503",
            "'   '|418|HTTP418"})
    void short_codes(String type, int status, String expected) {
        assertThat(AwsJsonClient.shortCode(type, status)).isEqualTo(expected);
    }

    // --- helpers

    /** What a server would compute for this request (the SDK's signer over the headers the request says it signed). */
    @SuppressWarnings("deprecation")
    static String expectedAuthorization(Received request, AwsCredentials credentials, String service) {
        String authorization = request.header("Authorization");
        int start = authorization.indexOf("SignedHeaders=") + "SignedHeaders=".length();
        List<String> signed = Arrays.asList(authorization.substring(start, authorization.indexOf(',', start))
                .split(";"));
        assertThat(signed).contains("host", "x-amz-date", "content-type", "x-amz-target");
        String[] host = request.header("Host").split(":");
        SdkHttpFullRequest.Builder http = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("http")
                .host(host[0])
                .port(Integer.parseInt(host[1]))
                .encodedPath(request.path())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(request.body()));
        for (String name : signed) {
            if (!Set.of("host", "x-amz-date", "x-amz-security-token").contains(name)) {
                http.putHeader(name, request.headerValues(name));
            }
        }
        software.amazon.awssdk.auth.credentials.AwsCredentials sdkCredentials = credentials.sessionToken()
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(credentials.accessKeyId(),
                        credentials.secretAccessKey()));
        Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .parse(request.header("X-Amz-Date"), Instant::from);
        return Aws4Signer.create().sign(http.build(), Aws4SignerParams.builder()
                        .awsCredentials(sdkCredentials)
                        .signingName(service)
                        .signingRegion(Region.of(REGION))
                        .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                        .build())
                .firstMatchingHeader("Authorization").orElseThrow();
    }

    private static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String bodyWithCrc32AtLeast(long minimum) {
        for (int i = 0; ; i++) {
            String body = "{\"Count\":" + i + "}";
            if (crc32(body) >= minimum) {
                return body;
            }
        }
    }
}
