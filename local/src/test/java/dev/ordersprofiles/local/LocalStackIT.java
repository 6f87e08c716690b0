package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ordersprofiles.local.auth.LocalIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's How to Test, and more, over real HTTP against a running local stack (in-memory store mode). */
class LocalStackIT {
    private static final String SEED_ORDER = "{\"amount\": 42.50, \"items\": [{\"sku\": \"A-1\", \"qty\": 2}]}";
    private static LocalStack stack;
    private static Http http;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        data = Files.createTempDirectory("local-stack-it");
        stack = LocalStack.start(LocalOptions.defaults().withPort(0).withDataDir(data)
                .withStore(LocalOptions.Store.DEFAULT.withInMemory(true))
                .withTemplate(Path.of("..", "sam", "template.yaml"))
                .withParameter("ApiThrottlingRateLimit", "10000").withParameter("ApiThrottlingBurstLimit", "5000")
                .withParameter("OrdersCreateReservedConcurrency", "200"));
        http = new Http(stack.port());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void health_is_public() {
        Http.Answer health = http.get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("ok").asBoolean()).isTrue();
        assertThat(health.json().get("service").asText()).isEqualTo("serverless-api");
        assertThat(health.header("x-amzn-RequestId")).isNotBlank();
    }

    @Test
    void the_how_to_test_flow_profile_order_confirmed_and_welcome() throws Exception {
        String token = http.token("walkthrough");
        String sub = LocalIssuer.subjectOf("walkthrough");

        Http.Answer created = http.post("/profiles", token, "{\"name\": \"Walk Through\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("message").asText()).isEqualTo("profile upserted");
        Http.Answer updated = http.post("/profiles", "Bearer " + token, "{\"name\": \"Walk T.\"}");
        assertThat(updated.status()).isEqualTo(200);
        Http.Answer profile = http.get("/profiles/" + sub, token);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().get("name").asText()).isEqualTo("Walk T.");
        assertThat(profile.json().get("email").asText()).isEqualTo("walkthrough@example.com");
        assertThat(CapturedStdout.await("WELCOME: userId=" + sub + " name=Walk Through", Duration.ofSeconds(20)))
                .as("the welcome log line from the stream").isPresent()
                .hasValueSatisfying(line -> assertThat(line).startsWith("[profiles-stream-welcome] "));

        Http.Answer placed = http.post("/orders", token, SEED_ORDER);
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        String orderId = placed.json().get("orderId").asText();
        assertThat(placed.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(placed.header("Location")).isEqualTo("/orders/" + orderId);

        JsonNode order = awaitStatus(token, orderId, "CONFIRMED");
        List<String> history = new ArrayList<>();
        order.get("history").forEach(h -> history.add(h.get("status").asText()));
        assertThat(history).containsExactly("PENDING", "VALIDATED", "RESERVED", "CHARGED", "CONFIRMED");

        Http.Answer execution = http.get("/_local/executions/" + orderId + "?format=json", null);
        assertThat(execution.status()).isEqualTo(200);
        assertThat(execution.body()).contains("SUCCEEDED");
        Http.Answer page = http.get("/_local/executions/" + orderId + "?format=html", null);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(CapturedStdout.lines()).anyMatch(l -> l.startsWith("[orders-create] "))
                .anyMatch(l -> l.startsWith("[charge-payment] ")).anyMatch(l -> l.startsWith("[api-access] "));
    }

    @Test
    void a_declined_payment_fails_the_order_after_compensation() throws Exception {
        String token = http.token("big-spender");

        String orderId = http.post("/orders", token, "{\"amount\": 9000.00, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}")
                .json().get("orderId").asText();

        JsonNode order = awaitStatus(token, orderId, "FAILED");
        assertThat(order.toString()).contains("PaymentDeclined");
        assertThat(http.get("/_local/executions/" + orderId + "?format=json", null).body())
                .contains("ReleaseInventory").contains("FAILED");
    }

    @Test
    void owners_only_see_their_own_data() {
        String alice = http.token("alice-owner");
        String bob = http.token("bob-owner");
        http.post("/profiles", alice, "{\"name\": \"Alice\"}");
        String orderId = http.post("/orders", alice, SEED_ORDER).json().get("orderId").asText();

        Http.Answer bobsView = http.get("/orders/" + orderId, bob);
        Http.Answer missing = http.get("/orders/00000000-0000-4000-8000-000000000000", bob);
        assertThat(bobsView.status()).isEqualTo(404);
        assertThat(bobsView.json().get("detail").asText().replace(orderId, "X"))
                .isEqualTo(missing.json().get("detail").asText().replace("00000000-0000-4000-8000-000000000000", "X"));
        assertThat(http.get("/profiles/" + LocalIssuer.subjectOf("alice-owner"), bob).status()).isEqualTo(404);
        assertThat(http.get("/profiles/" + LocalIssuer.subjectOf("alice-owner"), alice).status()).isEqualTo(200);
    }

    @Test
    void tokens_are_checked_before_any_function_runs() throws Exception {
        assertThat(http.get("/orders/00000000-0000-4000-8000-000000000000", null).status()).isEqualTo(401);
        // the template's UNAUTHORIZED Gateway Response: problem+json with API Gateway's message as the detail
        Http.Answer garbage = http.get("/profiles/x", "garbage");
        assertThat(garbage.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(garbage.json().get("status").asInt()).isEqualTo(401);
        assertThat(garbage.json().get("title").asText()).isEqualTo("Unauthorized");
        assertThat(garbage.json().get("detail").asText()).isEqualTo("Unauthorized");
        PlainJWT none = new PlainJWT(new PlainHeader(), claims().build());
        assertThat(http.get("/profiles/x", none.serialize()).status()).isEqualTo(401);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        assertThat(http.get("/profiles/x", sign(stranger, claims().build())).status()).isEqualTo(401);
        RSAKey own = RSAKey.parse(Files.readString(data.resolve("issuer-key.jwk.json")));
        assertThat(http.get("/profiles/x", sign(own, claims().audience("someone-else").build())).status())
                .isEqualTo(401);
        Http.Answer expired = http.get("/profiles/x", sign(own, claims()
                .expirationTime(Date.from(Instant.now().minusSeconds(5))).build()));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asText()).isEqualTo("The incoming token has expired");
        assertThat(http.get("/profiles/x", sign(own, claims().build())).status()).isEqualTo(404);
    }

    @Test
    void unknown_routes_answer_as_api_gateway_does_with_the_templates_gateway_response() {
        Http.Answer unknown = http.get("/nope", null);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(unknown.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        assertThat(unknown.json().get("detail").asText()).isEqualTo("Missing Authentication Token");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(403);
        assertThat(http.post("/health", null, "{}").status()).isEqualTo(403);
    }

    @Test
    void bad_input_is_a_4xx_problem_and_changes_nothing() {
        String token = http.token("sloppy");

        for (String body : List.of("{", "[]", "{\"amount\": \"42.50\", \"items\": []}",
                "{\"amount\": 42.505, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}",
                "{\"amount\": 1, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}], \"extra\": true}")) {
            Http.Answer answer = http.post("/orders", token, body);
            assertThat(answer.status()).as(body).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        Http.Answer oversize = http.post("/orders", token, "{\"amount\": 1, \"pad\": \"" + "x".repeat(70_000) + "\"}");
        assertThat(oversize.status()).isEqualTo(413);
    }

    @Test
    void the_same_idempotency_key_places_one_order() {
        String token = http.token("retrier");

        Http.Answer first = http.post("/orders", token, SEED_ORDER, "Idempotency-Key", "checkout-1");
        Http.Answer again = http.post("/orders", token, SEED_ORDER, "Idempotency-Key", "checkout-1");
        Http.Answer other = http.post("/orders", token, "{\"amount\": 1.00, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}",
                "Idempotency-Key", "checkout-1");

        assertThat(again.json().get("orderId")).isEqualTo(first.json().get("orderId"));
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void two_hundred_orders_placed_25_at_a_time_all_reach_a_terminal_state() throws Exception {
        String token = http.token("crowd");
        Set<String> ids = new HashSet<>();
        // 25 in flight at a time: concurrent enough to race the workflow steps and the store, while a busy build
        // machine (every function and the store share its cores) still answers each request within orders-create's
        // timeout; 200 at once measured 504s at a load average of 31.
        for (int wave = 0; wave < 8; wave++) {
            List<CompletableFuture<Http.Answer>> placing = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                placing.add(http.postAsync("/orders", token, SEED_ORDER));
            }
            for (CompletableFuture<Http.Answer> p : placing) {
                Http.Answer answer = p.get();
                assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                ids.add(answer.json().get("orderId").asText());
            }
        }
        assertThat(ids).hasSize(200);
        for (String id : ids) {
            JsonNode order = awaitTerminal(token, id);
            assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        }
    }

    @Test
    void the_lambda_invoke_api_runs_functions_by_name() {
        Http.Answer list = http.signed("GET", "/2015-03-31/functions/", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("orders-cleanup").contains("charge-payment")
                .doesNotContain("Environment").doesNotContain("ORDERS_TABLE");

        Http.Answer cleanup = http.signed("POST", "/2015-03-31/functions/orders-cleanup/invocations",
                "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                        + "\"account\":\"000000000000\",\"time\":\"2026-11-27T10:00:00Z\",\"region\":\"us-east-1\","
                        + "\"resources\":[],\"detail\":{}}");
        assertThat(cleanup.status()).as(cleanup.body()).isEqualTo(200);
        assertThat(cleanup.header("X-Amz-Function-Error")).isNull();

        Http.Answer failing = http.signed("POST", "/2015-03-31/functions/validate-order/invocations",
                "{\"orderId\": \"00000000-0000-4000-8000-000000000000\"}");
        assertThat(failing.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(failing.json().get("errorType").asText()).startsWith("dev.ordersprofiles.");
        assertThat(http.signed("POST", "/2015-03-31/functions/nope/invocations", "{}").status()).isEqualTo(404);
    }

    @Test
    void the_docs_are_served_through_the_edge_function_with_security_headers() {
        Http.Answer root = http.get("/", null);
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).isEqualTo("/docs/");
        Http.Answer docs = http.get("/docs/", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/orders");
        assertThat(docs.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(docs.header("Strict-Transport-Security")).startsWith("max-age=");
        assertThat(http.get("/docs/missing.html", null).status()).isEqualTo(403);
        assertThat(http.get("/docs/../pom.xml", null).status()).isIn(403, 404);
    }

    static JsonNode awaitStatus(String token, String orderId, String status) throws InterruptedException {
        return awaitStatusOn(http, token, orderId, status);
    }

    static JsonNode awaitStatusOn(Http http, String token, String orderId, String status) throws InterruptedException {
        JsonNode order = awaitTerminalOn(http, token, orderId);
        assertThat(order.get("status").asText()).as(order.toString()).isEqualTo(status);
        return order;
    }

    static JsonNode awaitTerminal(String token, String orderId) throws InterruptedException {
        return awaitTerminalOn(http, token, orderId);
    }

    static JsonNode awaitTerminalOn(Http http, String token, String orderId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode order = null;
        while (System.nanoTime() < deadline) {
            Http.Answer answer = http.get("/orders/" + orderId, token);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            order = answer.json();
            if (Set.of("CONFIRMED", "FAILED", "EXPIRED").contains(order.get("status").asText())) {
                return order;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("order " + orderId + " did not finish: " + order);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("s-1").issuer(LocalIssuer.ISSUER).audience(LocalIssuer.CLIENT_ID)
                .claim("token_use", "id").claim("email", "s@example.com")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
