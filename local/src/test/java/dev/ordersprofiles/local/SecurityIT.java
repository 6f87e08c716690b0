package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.local.auth.LocalIssuer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * The attacks of issue 11 on a running stack, each of which worked against the JDK-server stack: a forged Host
 * (DNS rebinding), a cross-site text/plain POST (CSRF), an unsigned or badly signed Invoke carrying forged
 * authorizer claims, environment values through the Lambda API; and the AWS SDK's own signer as the oracle
 * that correctly signed requests pass.
 */
class SecurityIT {
    private static LocalStack stack;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        Path data = Files.createTempDirectory("local-stack-security-it");
        stack = LocalStack.start(LocalOptions.defaults().withPort(0).withDataDir(data)
                .withTemplate(Path.of("..", "sam", "template.yaml")));
        http = new Http(stack.port());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_forged_host_is_refused_and_the_stack_own_names_are_not() throws IOException {
        for (String host : new String[] {"attacker.example:" + stack.port(), "127.0.0.1.nip.io:" + stack.port(),
                "127.0.0.1:1", "localhost"}) {
            String answer = raw("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(host).startsWith("HTTP/1.1 403 ").contains("application/json")
                    .contains("{\"message\":\"Forbidden: Host ");
        }
        for (String host : new String[] {"127.0.0.1:", "localhost:", "LOCALHOST:", "[::1]:"}) {
            String answer = raw("GET /health HTTP/1.1\r\nHost: " + host + stack.port()
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(host).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void a_cross_site_text_plain_post_changes_nothing() {
        Http.Answer token = http.post("/_local/token", null, "{\"username\":\"csrf-victim\"}",
                "Content-Type", "text/plain", "Origin", "https://attacker.example");
        assertThat(token.status()).isEqualTo(403);
        assertThat(token.header("Content-Type")).startsWith("application/json");
        assertThat(token.body()).doesNotContain("id_token");

        String alice = http.token("csrf-alice");
        assertThat(http.post("/profiles", alice, "{\"name\": \"Alice\"}").status()).isIn(200, 201);
        Http.Answer overwrite = http.post("/profiles", alice, "{\"name\": \"Mallory\"}",
                "Content-Type", "text/plain", "Origin", "http://localhost:1");
        assertThat(overwrite.status()).isEqualTo(403);
        Http.Answer noOrigin = http.post("/_local/workflow/hold", null, "", "Sec-Fetch-Site", "cross-site");
        assertThat(noOrigin.status()).isEqualTo(403);
        assertThat(http.get("/profiles/" + LocalIssuer.subjectOf("csrf-alice"), alice).json().get("name").asText())
                .isEqualTo("Alice");

        // The stack's own origin (a page it serves) may.
        assertThat(http.post("/_local/token", null, "{\"username\":\"own-page\"}",
                "Origin", "http://127.0.0.1:" + stack.port()).status()).isEqualTo(200);
    }

    @Test
    void options_is_the_template_preflight_naming_only_the_docs_origin_whatever_the_origin_asking() {
        java.net.http.HttpResponse<String> preflight;
        try {
            preflight = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + stack.port() + "/orders"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://attacker.example").header("Access-Control-Request-Method", "POST")
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        // The template's Api Cors: API Gateway answers the preflight itself with the docs site's origin, never the
        // asking one (nor *), so a browser keeps the attacker's page from reading or sending with credentials.
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.body()).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow())
                .isEqualTo("https://docsdistribution.cloudfront.invalid").doesNotContain("attacker").isNotEqualTo("*");
    }

    @Test
    void local_actions_that_mint_tokens_or_change_state_answer_get_with_405() {
        for (String path : new String[] {"/_local/token", "/_local/workflow/hold", "/_local/workflow/release"}) {
            Http.Answer answer = http.get(path, null);
            assertThat(answer.status()).as(path).isEqualTo(405);
            assertThat(answer.header("Allow")).isEqualTo("POST");
        }
    }

    @Test
    void an_unsigned_or_badly_signed_invoke_with_forged_claims_changes_nothing() {
        String alice = http.token("claims-alice");
        assertThat(http.post("/profiles", alice, "{\"name\": \"Alice\"}").status()).isIn(200, 201);
        String forged = "{\"resource\":\"/profiles\",\"path\":\"/profiles\",\"httpMethod\":\"POST\","
                + "\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{\\\"name\\\":\\\"Mallory\\\"}\","
                + "\"isBase64Encoded\":false,\"requestContext\":{\"requestId\":\"r-1\",\"authorizer\":{\"claims\":"
                + "{\"sub\":\"" + LocalIssuer.subjectOf("claims-alice") + "\",\"email\":\"m@example.com\"}}}}";
        String path = "/2015-03-31/functions/profiles-upsert/invocations";

        Http.Answer unsigned = http.post(path, null, forged);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.header("X-Amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        assertThat(unsigned.json().get("message").asText()).isEqualTo("Missing Authentication Token");

        Http.Answer wrongSecret = http.signedWith(new Http.AwsCredentialsPair("local", "guessed"), "POST", path, forged);
        assertThat(wrongSecret.status()).isEqualTo(403);
        assertThat(wrongSecret.header("X-Amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(wrongSecret.json().get("message").asText()).startsWith("The request signature we calculated");

        Http.Answer wrongKey = http.signedWith(new Http.AwsCredentialsPair("AKIAEXAMPLE", "local"), "POST", path,
                forged);
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(wrongKey.header("X-Amzn-ErrorType")).isEqualTo("UnrecognizedClientException");

        Http.Answer forgedAuthorization = http.post(path, null, forged, "X-Amz-Date", "20260101T000000Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/lambda/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));
        assertThat(forgedAuthorization.status()).isEqualTo(403);
        assertThat(forgedAuthorization.header("X-Amzn-ErrorType")).isEqualTo("InvalidSignatureException");

        assertThat(http.get("/profiles/" + LocalIssuer.subjectOf("claims-alice"), alice).json().get("name").asText())
                .isEqualTo("Alice");
    }

    @Test
    void an_unsigned_aws_json_request_is_refused_as_the_json_protocol_refuses_it() {
        Http.Answer answer = http.post("/", null, "{}", "X-Amz-Target", "DynamoDB_20120810.ListTables",
                "Content-Type", "application/x-amz-json-1.0");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("X-Amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        assertThat(answer.json().get("__type").asText())
                .isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
    }

    @Test
    void the_aws_sdk_signed_with_the_local_credentials_invokes_and_lists_without_environment_values() {
        try (LambdaClient lambda = lambda("local", "local")) {
            InvokeResponse cleanup = lambda.invoke(r -> r.functionName("orders-cleanup").payload(SdkBytes.fromUtf8String(
                    "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                            + "\"account\":\"000000000000\",\"time\":\"2026-11-27T10:00:00Z\",\"region\":\"eu-west-1\","
                            + "\"resources\":[],\"detail\":{}}")));
            assertThat(cleanup.statusCode()).isEqualTo(200);
            assertThat(cleanup.functionError()).isNull();

            java.util.List<FunctionConfiguration> functions = lambda.listFunctions().functions();
            assertThat(functions).extracting(FunctionConfiguration::functionName).contains("profiles-upsert");
            assertThat(functions).allSatisfy(f -> assertThat(f.environment()).isNull());
        }
        try (LambdaClient lambda = lambda("local", "wrong")) {
            assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("orders-cleanup")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void the_aws_cli_with_the_readme_recipe_invokes() throws Exception {
        Path out = Files.createTempFile("invoke", ".json");
        String output = cli(Map.of(), "lambda", "invoke", "--endpoint-url", "http://127.0.0.1:" + stack.port(),
                "--function-name", "health", out.toString());
        if (output == null) {
            return;
        }
        assertThat(output).contains("\"StatusCode\": 200");
        assertThat(output).doesNotContain("FunctionError");
        JsonNode answer = Http.JSON.readTree(Files.readString(out));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
    }

    /** The CLI sends TestState to the host "sync-127.0.0.1"; the README's recipe turns that prefix off. */
    @Test
    void the_aws_cli_runs_test_state_with_host_prefix_injection_off() throws Exception {
        String output = cli(Map.of("AWS_DISABLE_HOST_PREFIX_INJECTION", "true"), "stepfunctions", "test-state",
                "--endpoint-url", "http://127.0.0.1:" + stack.port(), "--role-arn", "arn:aws:iam::000000000000:role/x",
                "--definition", "{\"Type\":\"Pass\",\"Parameters\":{\"doubled.$\":\"States.MathAdd($.n, $.n)\"},\"End\":true}",
                "--input", "{\"n\":21}");
        if (output == null) {
            return;
        }
        JsonNode answer = Http.JSON.readTree(output);
        assertThat(answer.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Http.JSON.readTree(answer.path("output").asText()).path("doubled").asInt()).isEqualTo(42);
    }

    /** Runs the AWS CLI with the stack's keys; null (after saying "skipped: ...") where the CLI is missing. */
    private static String cli(Map<String, String> env, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("aws"));
        command.addAll(java.util.List.of(args));
        ProcessBuilder cli = new ProcessBuilder(command).redirectErrorStream(true);
        cli.environment().put("AWS_ACCESS_KEY_ID", "local");
        cli.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        cli.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        cli.environment().put("AWS_REGION", "us-east-1");
        cli.environment().remove("AWS_PROFILE");
        cli.environment().remove("AWS_SESSION_TOKEN");
        cli.environment().putAll(env);
        Process process;
        try {
            process = cli.start();
        } catch (IOException e) {
            System.out.println("skipped: the aws CLI is not on PATH (" + e.getMessage() + ")");
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() != 0 && output.contains("command not found")) {
            System.out.println("skipped: the aws CLI does not run: " + output);
            return null;
        }
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static LambdaClient lambda(String key, String secret) {
        return LambdaClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + stack.port()))
                .region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .build();
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", stack.port()), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
