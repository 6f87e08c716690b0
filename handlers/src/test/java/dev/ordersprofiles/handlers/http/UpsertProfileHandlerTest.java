package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.SUB;
import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.claims;
import static dev.ordersprofiles.handlers.support.Api.errorFields;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.json;
import static dev.ordersprofiles.handlers.support.Api.withBody;
import static dev.ordersprofiles.handlers.support.Api.withClaims;
import static dev.ordersprofiles.handlers.support.Api.withHeader;
import static dev.ordersprofiles.handlers.support.Api.withoutHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.handlers.support.Api;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.World;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpsertProfileHandlerTest {
    private final World world = new World(Map.of("METRICS_NAMESPACE", "TestNamespace"));
    private final UpsertProfileHandler handler = new UpsertProfileHandler(world.component);

    @Test
    void the_contract_event_creates_the_callers_profile_from_the_token_claims() {
        try (CapturedStdout out = new CapturedStdout()) {
            APIGatewayProxyResponseEvent response = call(handler, event("api-profiles-post"));

            assertThat(response.getStatusCode()).isEqualTo(201);
            JsonNode body = json(response);
            assertThat(body.path("message").asText()).isEqualTo("profile upserted");
            assertThat(body.path("profile").path("userId").asText()).isEqualTo(SUB);
            assertThat(body.path("profile").path("email").asText()).isEqualTo("ada@example.com");
            assertThat(body.path("profile").path("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(body.path("profile").path("createdAt").asText()).isEqualTo("2026-11-27T08:00:00.000Z");

            JsonNode metric = out.metricLines().get(0);
            assertThat(metric.path("ProfilesCreated").asInt()).isEqualTo(1);
            assertThat(metric.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                    .isEqualTo("TestNamespace");
            assertThat(metric.path("function").asText()).isEqualTo("profiles-upsert");
        }
    }

    @Test
    void a_second_upsert_updates_the_name_and_answers_200_without_a_second_created_metric() {
        call(handler, event("api-profiles-post"));
        world.clock.advance(java.time.Duration.ofMinutes(5));
        try (CapturedStdout out = new CapturedStdout()) {
            APIGatewayProxyResponseEvent response =
                    call(handler, withBody(event("api-profiles-post"), "{\"name\":\"  Ada King  \"}"));

            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode profile = json(response).path("profile");
            assertThat(profile.path("name").asText()).isEqualTo("Ada King");
            assertThat(profile.path("createdAt").asText()).isEqualTo("2026-11-27T08:00:00.000Z");
            assertThat(profile.path("updatedAt").asText()).isEqualTo("2026-11-27T08:05:00.000Z");
            assertThat(out.metricLines()).isEmpty();
        }
    }

    @Test
    void a_base64_encoded_body_is_decoded() {
        APIGatewayProxyRequestEvent event = event("api-profiles-post");
        event.setBody(Base64.getEncoder().encodeToString("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        APIGatewayProxyResponseEvent response = call(handler, event);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).path("profile").path("name").asText()).isEqualTo("Ada");
    }

    @Test
    void a_body_marked_base64_that_is_not_base64_is_a_400() {
        APIGatewayProxyRequestEvent event = withBody(event("api-profiles-post"), "{not base64!}");
        event.setIsBase64Encoded(true);

        assertThat(call(handler, event).getStatusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                          | name",
            "{\"name\":null}                             | name",
            "{\"name\":\"   \"}                          | name",
            "{\"name\":123}                              | name",
            "{\"name\":true}                             | name",
            "{\"name\":[\"Ada\"]}                        | name",
            "{\"name\":\"Ada\",\"email\":\"x@y.z\"}      | email",
            "{\"name\":\"Ada\",\"userId\":\"someone\"}   | userId",
    })
    void bodies_that_break_the_contract_are_400_naming_the_field(String body, String field) {
        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-profiles-post"), body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly(field);
    }

    @Test
    void a_name_longer_than_100_characters_is_a_400() {
        String body = "{\"name\":\"" + "x".repeat(101) + "\"}";

        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-profiles-post"), body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "not json", "{\"name\":\"a\",\"name\":\"b\"}", "{\"name\":\"a\"} {}",
            "{\"name\":\"a\"}x", "null", "[]", "\"Ada\"", ""})
    void malformed_duplicate_keyed_trailing_or_non_object_bodies_are_400(String body) {
        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-profiles-post"), body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).path("type").asText()).endsWith("/invalid-request");
    }

    @Test
    void a_missing_body_is_a_400() {
        assertThat(call(handler, withBody(event("api-profiles-post"), null)).getStatusCode()).isEqualTo(400);
    }

    @Test
    void a_body_above_64_KiB_is_a_413() {
        String body = "{\"name\":\"Ada\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";

        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-profiles-post"), body));

        assertThat(response.getStatusCode()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
            "multipart/form-data; boundary=x", ";", ";;;", " ; ", ";charset=utf-8"})
    void a_body_that_is_not_utf8_json_is_a_415(String contentType) {
        APIGatewayProxyResponseEvent response =
                call(handler, withHeader(event("api-profiles-post"), "Content-Type", contentType));

        assertThat(response.getStatusCode()).isEqualTo(415);
    }

    @Test
    void a_missing_content_type_is_a_415() {
        assertThat(call(handler, withoutHeader(event("api-profiles-post"), "Content-Type")).getStatusCode())
                .isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=UTF-8", "APPLICATION/JSON", "application/merge+json"})
    void json_content_types_with_utf8_are_accepted(String contentType) {
        APIGatewayProxyResponseEvent response =
                call(handler, withHeader(event("api-profiles-post"), "content-type", contentType));

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    @Test
    void missing_claims_are_a_401() {
        assertThat(call(handler, withClaims(event("api-profiles-post"), null)).getStatusCode()).isEqualTo(401);
    }

    @Test
    void a_token_without_an_email_claim_is_a_401() {
        APIGatewayProxyRequestEvent event = event("api-profiles-post");
        Map<String, Object> claims = claims(event);
        claims.remove("email");

        assertThat(call(handler, withClaims(event, claims)).getStatusCode()).isEqualTo(401);
    }

    @Test
    void a_sub_claim_that_is_not_a_string_is_a_401() {
        APIGatewayProxyRequestEvent event = event("api-profiles-post");
        Map<String, Object> claims = claims(event);
        claims.put("sub", 42);

        assertThat(call(handler, withClaims(event, claims)).getStatusCode()).isEqualTo(401);
    }

    @Test
    void the_log_line_never_carries_the_token_or_the_body() {
        try (CapturedStdout out = new CapturedStdout()) {
            call(handler, event("api-profiles-post"));

            String token = event("api-profiles-post").getHeaders().get("Authorization");
            assertThat(out.text()).doesNotContain(token).doesNotContain("Ada Lovelace");
            assertThat(out.invocationLines()).hasSize(1);
            assertThat(out.invocationLines().get(0).path("status").asInt()).isEqualTo(201);
        }
    }

    @Test
    void the_contract_events_are_valid_requests_of_the_contract() {
        for (String name : new String[] {"api-health-get", "api-profiles-post", "api-profiles-get",
                "api-orders-post", "api-orders-get", "api-orders-list"}) {
            assertThat(Api.requestViolations(event(name))).as(name).isEmpty();
        }
    }
}
