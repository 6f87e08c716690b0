package dev.ordersprofiles.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.auth.CognitoAuthorizer;
import dev.ordersprofiles.local.auth.LocalIssuer;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.ApiRoute;
import dev.ordersprofiles.local.template.ApiStage;
import dev.ordersprofiles.local.template.FunctionDef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API Gateway's own answers, with small handlers standing in for the functions. */
class ApiGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);
    static volatile JsonNode lastEvent;

    @TempDir
    static Path data;
    private static LocalIssuer issuer;
    private LambdaRuntime lambdas;

    /** Echoes the event it got, as the body. */
    public static final class Echo implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            return new APIGatewayProxyResponseEvent().withStatusCode(201)
                    .withHeaders(Map.of("X-Echo", "yes")).withBody(event.getBody());
        }
    }

    /** Keeps the raw event for inspection. */
    public static final class Raw implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            lastEvent = JSON.valueToTree(event);
            return Map.of("statusCode", 200, "body", "ok");
        }
    }

    public static final class Throws implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            throw new IllegalStateException("boom");
        }
    }

    public static final class Malformed implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("body", "no status code");
        }
    }

    public static final class Slow implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            SLOW_STARTED.countDown();
            try {
                RELEASE_SLOW.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of("statusCode", 200);
        }
    }

    static final CountDownLatch RELEASE_STUCK = new CountDownLatch(1);

    /** Runs past its one-second timeout, whatever happens, until the test lets it go. */
    public static final class Stuck implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            while (true) {
                try {
                    RELEASE_STUCK.await();
                    return Map.of("statusCode", 200, "body", "too late");
                } catch (InterruptedException ignored) {
                    // keeps running, as a handler blocked in I/O does
                }
            }
        }
    }

    @BeforeAll
    static void keys() {
        issuer = LocalIssuer.inFolder(data, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (lambdas != null) {
            lambdas.close();
        }
    }

    @Test
    void the_function_gets_the_proxy_event_and_its_answer_becomes_the_response() throws Exception {
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000), route("POST", "/things/{id}", "raw", true));
        String token = issuer.idToken("alice", "alice@example.com");

        HttpResponse response = api.handle(request("POST", "/things/a%2Fb", "x=1&x=2&y=", "{\"a\":1}",
                Map.of("Authorization", List.of("Bearer " + token), "Content-Type", List.of("application/json"))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(lastEvent.get("resource").asText()).isEqualTo("/things/{id}");
        assertThat(lastEvent.get("path").asText()).isEqualTo("/things/a%2Fb");
        assertThat(lastEvent.get("pathParameters").get("id").asText()).isEqualTo("a/b");
        assertThat(lastEvent.get("queryStringParameters").get("x").asText()).isEqualTo("2");
        assertThat(lastEvent.get("multiValueQueryStringParameters").get("x")).hasSize(2);
        assertThat(lastEvent.get("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(lastEvent.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(lastEvent.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        JsonNode context = lastEvent.get("requestContext");
        assertThat(context.get("stage").asText()).isEqualTo("dev");
        assertThat(context.get("requestTimeEpoch").isNumber()).isTrue();
        assertThat(context.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        JsonNode claims = context.get("authorizer").get("claims");
        assertThat(claims.get("sub").asText()).isEqualTo(LocalIssuer.subjectOf("alice"));
        assertThat(claims.get("email_verified").isTextual()).isTrue();
    }

    @Test
    void the_functions_status_headers_and_body_are_passed_through() {
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000), route("POST", "/echo", "echo", false));

        HttpResponse response = api.handle(request("POST", "/echo", null, "hello", Map.of()));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().get("X-Echo")).containsExactly("yes");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void a_throwing_function_is_502_and_a_malformed_answer_is_502() {
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000), route("GET", "/throws", "throws", false),
                route("GET", "/malformed", "malformed", false));

        assertGateway(api.handle(request("GET", "/throws", null, "", Map.of())), 502, "Internal server error");
        assertGateway(api.handle(request("GET", "/malformed", null, "", Map.of())), 502, "Internal server error");
    }

    @Test
    void a_function_at_its_reserved_concurrency_is_500() throws Exception {
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000), route("GET", "/slow", "slow", false));
        CompletableFuture<HttpResponse> first = CompletableFuture.supplyAsync(
                () -> api.handle(request("GET", "/slow", null, "", Map.of())));
        assertThat(SLOW_STARTED.await(10, TimeUnit.SECONDS)).isTrue();

        assertGateway(api.handle(request("GET", "/slow", null, "", Map.of())), 500, "Internal server error");

        RELEASE_SLOW.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void stage_throttling_answers_429_once_the_burst_is_spent() {
        ApiGateway api = gateway(new ApiStage("dev", 0.001, 2), route("POST", "/echo", "echo", false));

        assertThat(api.handle(request("POST", "/echo", null, "1", Map.of())).status()).isEqualTo(201);
        assertThat(api.handle(request("POST", "/echo", null, "2", Map.of())).status()).isEqualTo(201);
        assertGateway(api.handle(request("POST", "/echo", null, "3", Map.of())), 429, "Too Many Requests");
    }

    @Test
    void the_templates_gateway_responses_replace_the_defaults_and_uncustomised_types_inherit_default_4xx_5xx() {
        String problem = "{\"title\":\"T\",\"status\":%d,\"detail\":$context.error.messageString,"
                + "\"type\":\"$context.error.responseType\",\"id\":\"$context.requestId\",\"x\":\"$context.nope\"}";
        Map<String, dev.ordersprofiles.local.template.GatewayResponse> responses = Map.of(
                "UNAUTHORIZED", new dev.ordersprofiles.local.template.GatewayResponse(java.util.Optional.of(401),
                        Map.of("Content-Type", "application/problem+json", "X-Custom", "yes"),
                        java.util.Optional.of(problem.formatted(401))),
                "DEFAULT_4XX", new dev.ordersprofiles.local.template.GatewayResponse(java.util.Optional.empty(),
                        Map.of("Content-Type", "application/problem+json"), java.util.Optional.of(problem.formatted(400))),
                "DEFAULT_5XX", new dev.ordersprofiles.local.template.GatewayResponse(java.util.Optional.of(502),
                        Map.of(), java.util.Optional.empty()));
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000, java.util.Optional.empty(), responses),
                route("POST", "/echo", "echo", true), route("GET", "/slow", "slow", false),
                route("GET", "/throws", "throws", false));

        HttpResponse unauthorized = api.handle(request("POST", "/echo", null, "x", Map.of()));
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.headers().get("Content-Type")).containsExactly("application/problem+json");
        assertThat(unauthorized.headers().get("X-Custom")).containsExactly("yes");
        JsonNode body = json(unauthorized);
        assertThat(body.get("detail").asText()).isEqualTo("Unauthorized");
        assertThat(body.get("type").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("id").asText()).isEqualTo(unauthorized.headers().get("x-amzn-RequestId").get(0));
        assertThat(body.get("x").asText()).isEqualTo("$context.nope");

        // MISSING_AUTHENTICATION_TOKEN is not customised: DEFAULT_4XX's body and headers, the type's own status
        HttpResponse unknown = api.handle(request("GET", "/nope", null, "", Map.of()));
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.headers().get("x-amzn-ErrorType")).containsExactly("MissingAuthenticationTokenException");
        assertThat(json(unknown).get("detail").asText()).isEqualTo("Missing Authentication Token");
        assertThat(json(unknown).get("type").asText()).isEqualTo("MISSING_AUTHENTICATION_TOKEN");

        // a failed integration has no type of its own: DEFAULT_5XX, whose status wins; no template, the default body
        HttpResponse failed = api.handle(request("GET", "/throws", null, "", Map.of()));
        assertThat(failed.status()).isEqualTo(502);
        assertThat(json(failed).get("message").asText()).isEqualTo("Internal server error");
    }

    private static JsonNode json(HttpResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    @Test
    void protected_routes_need_a_valid_token_and_unknown_routes_are_403() {
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000), route("POST", "/echo", "echo", true));

        assertGateway(api.handle(request("POST", "/echo", null, "x", Map.of())), 401, "Unauthorized");
        assertGateway(api.handle(request("POST", "/echo", null, "x", Map.of("Authorization", List.of("x.y.z")))),
                401, "Unauthorized");
        assertGateway(api.handle(request("GET", "/echo", null, "", Map.of())), 403, "Missing Authentication Token");
    }

    @Test
    void a_function_past_its_timeout_is_answered_504_right_then_when_the_request_can_be_answered_early()
            throws Exception {
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000), route("GET", "/stuck", "stuck", false),
                route("POST", "/echo", "echo", false));
        CompletableFuture<HttpResponse> early = new CompletableFuture<>();
        HttpRequest request = new HttpRequest("GET", "/stuck", null, Map.of(), new byte[0], "127.0.0.1",
                "127.0.0.1:3000", early::complete);

        CompletableFuture<HttpResponse> returned = CompletableFuture.supplyAsync(() -> api.handle(request));

        HttpResponse answer = early.get(30, TimeUnit.SECONDS);
        assertGateway(answer, 504, "Endpoint request timed out");
        assertThat(answer.headers()).containsKeys("x-amzn-RequestId", "X-Amzn-Trace-Id");
        assertThat(returned).as("the function still runs").isNotDone();
        RELEASE_STUCK.countDown();
        assertThat(returned.get(10, TimeUnit.SECONDS)).isSameAs(answer);

        HttpResponse next = api.handle(new HttpRequest("POST", "/echo", null, Map.of(), "x".getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", "127.0.0.1:3000", response -> {
                    throw new AssertionError("answered by returning");
                }));
        assertThat(next.status()).isEqualTo(201);
    }

    @Test
    void with_cors_options_is_the_preflight_and_gateway_answers_name_the_origin_while_function_answers_are_theirs() {
        ApiStage.Cors cors = new ApiStage.Cors("https://docs.example", "GET,POST,OPTIONS",
                "Authorization,Content-Type", "600");
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000, java.util.Optional.of(cors)),
                route("POST", "/echo", "echo", true), route("GET", "/things/{id}", "raw", false));

        HttpResponse preflight = api.handle(request("OPTIONS", "/things/42", null, "", Map.of(
                "Origin", List.of("https://docs.example"), "Access-Control-Request-Method", List.of("GET"))));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.body()).isEmpty();
        assertThat(preflight.headers()).containsEntry("Access-Control-Allow-Origin", List.of("https://docs.example"))
                .containsEntry("Access-Control-Allow-Methods", List.of("GET,POST,OPTIONS"))
                .containsEntry("Access-Control-Allow-Headers", List.of("Authorization,Content-Type"))
                .containsEntry("Access-Control-Max-Age", List.of("600"));
        // No authorizer on the preflight of a protected route.
        assertThat(api.handle(request("OPTIONS", "/echo", null, "", Map.of())).status()).isEqualTo(200);
        assertGateway(api.handle(request("OPTIONS", "/nothing-here", null, "", Map.of())), 403,
                "Missing Authentication Token");

        HttpResponse refused = api.handle(request("POST", "/echo", null, "x", Map.of()));
        assertGateway(refused, 401, "Unauthorized");
        assertThat(refused.headers()).containsEntry("Access-Control-Allow-Origin", List.of("https://docs.example"));
        HttpResponse fromFunction = api.handle(request("GET", "/things/1", null, "", Map.of()));
        assertThat(fromFunction.status()).isEqualTo(200);
        assertThat(fromFunction.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void without_cors_options_is_a_missing_route_as_on_api_gateway() {
        ApiGateway api = gateway(new ApiStage("dev", 1000, 1000), route("GET", "/things/{id}", "raw", false));

        HttpResponse options = api.handle(request("OPTIONS", "/things/42", null, "", Map.of()));
        assertGateway(options, 403, "Missing Authentication Token");
        assertThat(options.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    private ApiGateway gateway(ApiStage stage, ApiRoute... routes) {
        List<FunctionDef> functions = List.of(function("echo", Echo.class, OptionalInt.empty()),
                function("raw", Raw.class, OptionalInt.empty()), function("throws", Throws.class, OptionalInt.empty()),
                function("malformed", Malformed.class, OptionalInt.empty()),
                function("slow", Slow.class, OptionalInt.of(1)),
                new FunctionDef("stuck", "stuck", "arn:aws:lambda:us-east-1:000000000000:function:stuck",
                        Stuck.class.getName(), "handleRequest", 1, 128, OptionalInt.empty(), Map.of()));
        lambdas = new LambdaRuntime(functions, (def, type) -> type.getConstructor().newInstance());
        return new ApiGateway(List.of(routes), stage, CognitoAuthorizer.forLocal(issuer, Clock.systemUTC()), lambdas);
    }

    private static FunctionDef function(String name, Class<?> handler, OptionalInt reserved) {
        return new FunctionDef(name, name, "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                handler.getName(), "handleRequest", 15, 128, reserved, Map.of());
    }

    private static ApiRoute route(String method, String path, String function, boolean authorized) {
        return new ApiRoute(method, path, function, authorized);
    }

    private static HttpRequest request(String method, String path, String query, String body,
                                       Map<String, List<String>> headers) {
        return new HttpRequest(method, path, query, new LinkedHashMap<>(headers), body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", "127.0.0.1:3000");
    }

    private static void assertGateway(HttpResponse response, int status, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"" + message + "\"}");
    }
}
