package dev.ordersprofiles.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.lambda.InvocationInterceptor;
import dev.ordersprofiles.local.lambda.InvocationResult;
import dev.ordersprofiles.local.template.FunctionDef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FunctionDef CHARGE = new FunctionDef("ChargeFunction", "charge", "arn:aws:lambda:us-east-1:"
            + "000000000000:function:charge", "x.Charge", "handleRequest", 7, 128, OptionalInt.empty(), Map.of());
    private static final HttpResponse PASSED = HttpResponse.json(200, "{}");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    @Test
    void without_faults_every_call_reaches_the_api_and_every_invocation_runs() {
        Faults faults = faults(List.of(), 1L);
        AtomicInteger reached = new AtomicInteger();
        Function<HttpRequest, HttpResponse> route = faults.aroundAwsApis(r -> {
            reached.incrementAndGet();
            return PASSED;
        });
        for (int i = 0; i < 50; i++) {
            assertThat(route.apply(aws("DynamoDB_20120810.GetItem"))).isSameAs(PASSED);
        }
        assertThat(reached).hasValue(50);
        assertThat(faults.invocations().before(CHARGE, "r1")).isNull();
        InvocationResult ok = new InvocationResult.Success("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(faults.invocations().after(CHARGE, "r1", ok)).isSameAs(ok);
        assertThat(faults.active()).isFalse();
    }

    @Test
    void dynamodb_errors_are_http_500_internal_server_error_for_about_their_share_of_calls() throws Exception {
        Faults faults = faults(List.of("dynamodb:error=0.1"), 42L);
        Function<HttpRequest, HttpResponse> route = faults.aroundAwsApis(r -> PASSED);
        List<HttpResponse> failed = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            HttpResponse answer = route.apply(aws("DynamoDB_20120810.PutItem"));
            if (answer != PASSED) {
                failed.add(answer);
            }
        }
        assertThat(failed.size()).isBetween(140, 260);
        HttpResponse one = failed.get(0);
        assertThat(one.status()).isEqualTo(500);
        assertThat(one.headers().get("Content-Type")).containsExactly("application/x-amz-json-1.0");
        assertThat(one.headers()).containsKey("x-amzn-RequestId");
        assertThat(body(one).get("__type").asText()).isEqualTo("com.amazonaws.dynamodb.v20120810#InternalServerError");
        assertThat(faults.injected("dynamodb:error")).isEqualTo(failed.size());
        assertThat(faults.describe().path("calls").path("dynamodb").asLong()).isEqualTo(2000);
        // Step Functions calls and anything that is not an AWS JSON call are left alone.
        assertThat(route.apply(aws("AWSStepFunctions.StartExecution"))).isSameAs(PASSED);
        assertThat(route.apply(new HttpRequest("POST", "/2015-03-31/functions/f/invocations", null, Map.of(),
                new byte[0], "127.0.0.1", "127.0.0.1:1"))).isSameAs(PASSED);
    }

    @Test
    void the_same_seed_draws_the_same_faults() {
        List<Integer> first = failingCalls(faults(List.of("dynamodb:error=0.3"), 7L));
        List<Integer> second = failingCalls(faults(List.of("dynamodb:error=0.3"), 7L));
        List<Integer> other = failingCalls(faults(List.of("dynamodb:error=0.3"), 8L));

        assertThat(first).isNotEmpty().isEqualTo(second).isNotEqualTo(other);
    }

    @Test
    void throttles_are_shaped_as_dynamodb_shapes_them_for_item_and_for_table_operations() throws Exception {
        Faults faults = faults(List.of("dynamodb:throttle=1"), 1L);
        Function<HttpRequest, HttpResponse> route = faults.aroundAwsApis(r -> PASSED);

        HttpResponse item = route.apply(aws("DynamoDB_20120810.Query"));
        HttpResponse table = route.apply(aws("DynamoDB_20120810.DescribeTable"));

        assertThat(item.status()).isEqualTo(400);
        assertThat(body(item).get("__type").asText())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException");
        assertThat(table.status()).isEqualTo(400);
        assertThat(body(table).get("__type").asText()).isEqualTo("com.amazon.coral.availability#ThrottlingException");
        assertThat(faults.injected("dynamodb:throttle")).isEqualTo(2);
    }

    @Test
    void an_outage_fails_every_call_for_its_duration_from_when_it_was_applied() throws Exception {
        Faults faults = faults(List.of("dynamodb:down=30s"), 1L);
        Function<HttpRequest, HttpResponse> route = faults.aroundAwsApis(r -> PASSED);

        HttpResponse down = route.apply(aws("DynamoDB_20120810.GetItem"));
        assertThat(down.status()).isEqualTo(503);
        assertThat(body(down).get("__type").asText())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ServiceUnavailableException");
        assertThat(faults.describe().at("/faults/dynamodb/downUntil").asText()).isEqualTo("2026-12-02T10:00:30Z");
        clock.advance(Duration.ofSeconds(29));
        assertThat(route.apply(aws("DynamoDB_20120810.GetItem")).status()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(1));
        assertThat(route.apply(aws("DynamoDB_20120810.GetItem"))).isSameAs(PASSED);
        assertThat(faults.describe().at("/faults/dynamodb/downUntil").isNull()).isTrue();

        HttpResponse posted = faults.handle(post("{\"faults\": [\"states:down=10s\"]}"));
        assertThat(posted.status()).isEqualTo(200);
        HttpResponse statesDown = route.apply(aws("AWSStepFunctions.StartExecution"));
        assertThat(statesDown.status()).isEqualTo(503);
        assertThat(statesDown.headers().get("X-Amzn-ErrorType")).containsExactly("ServiceUnavailable");
        assertThat(route.apply(aws("DynamoDB_20120810.GetItem"))).isSameAs(PASSED);
        assertThat(faults.injected("dynamodb:down")).isEqualTo(2);
        assertThat(faults.injected("states:down")).isEqualTo(1);
    }

    @Test
    void a_function_error_answers_before_the_handler_runs_and_a_timeout_replaces_what_it_answered() {
        InvocationInterceptor failing = faults(List.of("function:charge:error=1"), 1L).invocations();
        InvocationResult crashed = failing.before(CHARGE, "req-1");
        assertThat(crashed).isInstanceOfSatisfying(InvocationResult.FunctionError.class, e -> {
            assertThat(e.errorType()).isEqualTo("Runtime.ExitError");
            assertThat(e.errorMessage()).startsWith("RequestId: req-1 Error: Runtime exited with error");
            assertThat(e.text()).contains("\"errorType\":\"Runtime.ExitError\"");
        });

        InvocationInterceptor late = faults(List.of("function:charge:timeout=1"), 1L).invocations();
        InvocationResult ok = new InvocationResult.Success("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(late.before(CHARGE, "req-2")).isNull();
        assertThat(late.after(CHARGE, "req-2", ok)).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                e -> {
                    assertThat(e.errorType()).isEqualTo("Sandbox.Timedout");
                    assertThat(e.errorMessage()).startsWith("RequestId: req-2 Error: Task timed out after 7.00 seconds");
                });
        InvocationResult throttled = new InvocationResult.Throttled("charge");
        assertThat(late.after(CHARGE, "req-3", throttled)).isSameAs(throttled);
        FunctionDef other = new FunctionDef("Other", "other", "arn", "x.O", "handleRequest", 3, 128,
                OptionalInt.empty(), Map.of());
        assertThat(late.after(other, "req-4", ok)).isSameAs(ok);
    }

    @Test
    void a_function_the_template_does_not_have_is_refused_naming_those_it_has() {
        assertThatThrownBy(() -> faults(List.of("function:chrage:error=0.1"), 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no function chrage").hasMessageContaining("[charge, other]");
    }

    @Test
    void get_shows_the_faults_and_post_changes_or_clears_them_and_refuses_what_it_cannot_read() throws Exception {
        Faults faults = faults(List.of("dynamodb:error=0.1"), 5L);
        JsonNode shown = body(faults.handle(request("GET", "")));
        assertThat(shown.at("/faults/dynamodb/error").asDouble()).isEqualTo(0.1);
        assertThat(shown.get("seed").asLong()).isEqualTo(5);

        JsonNode changed = body(faults.handle(post("{\"faults\": [\"function:charge:timeout=0.5\"]}")));
        assertThat(changed.at("/faults/dynamodb/error").asDouble()).isEqualTo(0.1);
        assertThat(changed.at("/faults/functions/charge/timeout").asDouble()).isEqualTo(0.5);

        JsonNode cleared = body(faults.handle(post("{\"clear\": true}")));
        assertThat(cleared.at("/faults/dynamodb/error").asDouble()).isZero();
        assertThat(cleared.at("/faults/functions").isEmpty()).isTrue();
        assertThat(faults.active()).isFalse();

        for (String bad : List.of("not json", "[]", "{}", "{\"faults\": \"dynamodb:error=0.1\"}",
                "{\"faults\": [1]}", "{\"clear\": \"yes\"}", "{\"faults\": [\"dynamodb:error=2\"]}",
                "{\"faults\": [\"function:nope:error=0.1\"]}")) {
            HttpResponse refused = faults.handle(post(bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.headers().get("Content-Type")).containsExactly("application/problem+json");
        }
        assertThat(faults.active()).as("a refused POST changes nothing").isFalse();
        HttpResponse put = faults.handle(request("PUT", "{}"));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().get("Allow")).containsExactly("GET, HEAD, POST");
    }

    private List<Integer> failingCalls(Faults faults) {
        Function<HttpRequest, HttpResponse> route = faults.aroundAwsApis(r -> PASSED);
        List<Integer> failing = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (route.apply(aws("DynamoDB_20120810.GetItem")) != PASSED) {
                failing.add(i);
            }
        }
        return failing;
    }

    private Faults faults(List<String> specs, long seed) {
        return new Faults(specs, Optional.of(seed), List.of("charge", "other"), clock);
    }

    private static HttpRequest aws(String target) {
        return new HttpRequest("POST", "/", null, Map.of("X-Amz-Target", List.of(target)), "{}".getBytes(
                StandardCharsets.UTF_8), "127.0.0.1", "127.0.0.1:1");
    }

    private static HttpRequest post(String body) {
        return request("POST", body);
    }

    private static HttpRequest request(String method, String body) {
        return new HttpRequest(method, Faults.PATH, null, Map.of(), body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", "127.0.0.1:1");
    }

    private static JsonNode body(HttpResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
