package dev.ordersprofiles.handlers.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.handlers.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Contract events in, contract-checked responses out. */
public final class Api {
    public static final String SUB = "7d9f2c1e-4b6a-4e3b-9a51-0c2d8e6f1a23";
    public static final String OTHER_SUB = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(resource("contracts/openapi.yaml")).build();

    private Api() {
    }

    public static String resource(String name) {
        try (InputStream in = Api.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of contracts/events/{name}.json, deserialized as the Lambda runtime does. */
    public static APIGatewayProxyRequestEvent event(String name) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("contracts/events/" + name + ".json");
        event.setHeaders(event.getHeaders() == null ? new HashMap<>() : new HashMap<>(event.getHeaders()));
        event.setMultiValueHeaders(
                event.getMultiValueHeaders() == null ? new HashMap<>() : new HashMap<>(event.getMultiValueHeaders()));
        return event;
    }

    public static APIGatewayProxyRequestEvent withHeader(APIGatewayProxyRequestEvent event, String name, String value) {
        withoutHeader(event, name);
        event.getHeaders().put(name, value);
        event.getMultiValueHeaders().put(name, List.of(value));
        return event;
    }

    public static APIGatewayProxyRequestEvent withoutHeader(APIGatewayProxyRequestEvent event, String name) {
        event.getHeaders().keySet().removeIf(k -> k.equalsIgnoreCase(name));
        event.getMultiValueHeaders().keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return event;
    }

    public static APIGatewayProxyRequestEvent withBody(APIGatewayProxyRequestEvent event, String body) {
        event.setBody(body);
        return event;
    }

    /** Replaces the caller's claims (null removes them altogether). */
    @SuppressWarnings("unchecked")
    public static APIGatewayProxyRequestEvent withClaims(APIGatewayProxyRequestEvent event,
                                                         Map<String, Object> claims) {
        Map<String, Object> authorizer = new HashMap<>();
        if (claims != null) {
            authorizer.put("claims", claims);
        }
        event.getRequestContext().setAuthorizer(claims == null ? null : authorizer);
        return event;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> claims(APIGatewayProxyRequestEvent event) {
        return new HashMap<>((Map<String, Object>) event.getRequestContext().getAuthorizer().get("claims"));
    }

    /** The event as another user (sub and email replaced). */
    public static APIGatewayProxyRequestEvent asOtherUser(APIGatewayProxyRequestEvent event) {
        Map<String, Object> claims = claims(event);
        claims.put("sub", OTHER_SUB);
        claims.put("email", "grace@example.com");
        claims.put("cognito:username", "grace");
        return withClaims(event, claims);
    }

    /** Replaces the query string (null values drop a parameter), in both maps as API Gateway fills them. */
    public static APIGatewayProxyRequestEvent withQuery(APIGatewayProxyRequestEvent event, Map<String, String> query) {
        Map<String, String> single = new HashMap<>();
        Map<String, List<String>> multi = new HashMap<>();
        query.forEach((k, v) -> {
            if (v != null) {
                single.put(k, v);
                multi.put(k, List.of(v));
            }
        });
        event.setQueryStringParameters(single.isEmpty() ? null : single);
        event.setMultiValueQueryStringParameters(multi.isEmpty() ? null : multi);
        return event;
    }

    public static APIGatewayProxyRequestEvent withPathId(APIGatewayProxyRequestEvent event, String id) {
        event.setPathParameters(new HashMap<>(Map.of("id", id)));
        event.setPath(event.getResource().replace("{id}", id));
        return event;
    }

    /** Invokes the handler and checks the response against contracts/openapi.yaml. */
    public static APIGatewayProxyResponseEvent call(
            RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
            APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, new TestContext());
        assertMatchesContract(event, response);
        return response;
    }

    public static void assertMatchesContract(APIGatewayProxyRequestEvent event, APIGatewayProxyResponseEvent response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(builder::withHeader);
        }
        if (response.getBody() != null) {
            builder.withBody(response.getBody());
        }
        ValidationReport report = VALIDATOR.validateResponse(
                event.getPath(), Request.Method.valueOf(event.getHttpMethod()), builder.build());
        assertThat(messages(report)).as("response %s %s -> %d %s violates contracts/openapi.yaml",
                event.getHttpMethod(), event.getPath(), response.getStatusCode(), response.getBody()).isEmpty();
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\tat ");
        if (response.getStatusCode() >= 400) {
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.path("status").asInt()).isEqualTo(response.getStatusCode());
        }
    }

    /** Checks a request event against the contract (the contract events must be valid requests). */
    public static List<String> requestViolations(APIGatewayProxyRequestEvent event) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(event.getHttpMethod(), event.getPath());
        event.getHeaders().forEach(builder::withHeader);
        if (event.getMultiValueQueryStringParameters() != null) {
            event.getMultiValueQueryStringParameters().forEach(builder::withQueryParam);
        }
        if (event.getBody() != null) {
            builder.withBody(event.getBody());
        }
        return messages(VALIDATOR.validateRequest(builder.build()));
    }

    private static List<String> messages(ValidationReport report) {
        List<String> out = new ArrayList<>();
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> out.add(m.getKey() + ": " + m.getMessage()));
        return out;
    }

    public static JsonNode json(APIGatewayProxyResponseEvent response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    /** The field names listed in a 400 problem's errors. */
    public static List<String> errorFields(APIGatewayProxyResponseEvent response) {
        List<String> fields = new ArrayList<>();
        json(response).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
