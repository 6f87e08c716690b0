package dev.ordersprofiles.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.template.ApiRoute;
import dev.ordersprofiles.local.template.TemplateReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proxy event written straight to bytes is byte for byte the event the gateway used to build as a Jackson tree
 * and serialise ({@link #reference}, kept here as it was), for requests of every shape.
 */
class ProxyEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouteTable ROUTES = new RouteTable(List.of(
            new ApiRoute("GET", "/orders/{id}", "orders-get", true),
            new ApiRoute("POST", "/orders", "orders-create", true),
            new ApiRoute("ANY", "/files/{path+}", "files", false)));
    private static final String TOKEN = "eyJraWQiOiJsb2NhbCIsImFsZyI6IlJTMjU2In0." + "a".repeat(900) + ".sig_-nature";
    private static final Map<String, String> CLAIMS = claims();

    @Test
    void a_get_with_a_token_like_the_benchmark_one() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:3000"));
        headers.put("Authorization", List.of(TOKEN));
        headers.put("User-agent", List.of("wrk"));
        assertSameEvent(request("GET", "/orders/6f1c2a", null, "", headers, "127.0.0.1:3000"), CLAIMS);
    }

    @Test
    void query_strings_path_parameters_and_bodies() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json; charset=utf-8"));
        headers.put("Accept", List.of("text/html", "application/json"));
        assertSameEvent(request("GET", "/orders/a%2Fb%20c", "x=1&x=2&y=&z&&%C3%A9=%E2%82%AC&plus=a+b&", "",
                headers, "localhost"), CLAIMS);
        assertSameEvent(request("POST", "/orders", "&", "{\"amount\": 42.50, \"note\": \"Zoë \\\"quoted\\\" \\u0001\"}",
                headers, "127.0.0.1:3000"), CLAIMS);
        assertSameEvent(request("DELETE", "/files/x/y/z.txt", null, "line 1\nline 2\ttab\r\u0000\u007f",
                Map.of(), "127.0.0.1:8080"), null);
    }

    @Test
    void headers_the_gateway_adds_are_not_added_twice_and_odd_characters_are_escaped_alike() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-For", List.of("10.0.0.1"));
        headers.put("X-forwarded-proto", List.of("https"));
        headers.put("X-Quote", List.of("say \"hi\" \\ back/slash", "second"));
        headers.put("X-Latin", List.of("caf\u00e9 \u00ff"));
        headers.put("X-Unicode", List.of("\u20ac \u2028 \uD83D\uDE00 \uD800 lone \uDC00"));
        headers.put("X-Control", List.of("\u0001\u001f\b\f"));
        headers.put("X-Empty", List.of(""));
        headers.put("\u00c9trange \"name\"", List.of("v"));
        assertSameEvent(request("GET", "/orders/\u00e9", "q=%22&r=%5C", "\uD83D\uDE00 body \u00e9", headers,
                "[::1]:3000"), CLAIMS);
    }

    @Test
    void the_event_is_the_same_again_and_again_on_one_thread() throws Exception {
        Map<String, List<String>> big = Map.of("Authorization", List.of("x".repeat(100_000)));
        assertSameEvent(request("POST", "/orders", null, "y".repeat(200_000), big, "127.0.0.1:3000"), CLAIMS);
        assertSameEvent(request("GET", "/orders/1", null, "", Map.of("A", List.of("b")), "127.0.0.1:3000"), null);
    }

    private static void assertSameEvent(HttpRequest request, Map<String, String> claims) throws Exception {
        RouteTable.Match match = ROUTES.match(request.method(), request.path()).orElseThrow();
        String requestId = "e06bd25d-673a-43af-a44a-e534534819c9";
        byte[] written = ProxyEvent.write(request, match, claims, "Prod", requestId, 1_795_000_000_123L,
                "27/Nov/2026:09:47:20 +0000");
        byte[] expected = reference(request, match, claims, "Prod", requestId, 1_795_000_000_123L,
                "27/Nov/2026:09:47:20 +0000");
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(expected);
        JsonNode parsed = JSON.readTree(written);
        assertThat(parsed.get("requestContext").get("requestId").asText()).isEqualTo(requestId);
    }

    private static HttpRequest request(String method, String path, String query, String body,
                                       Map<String, List<String>> headers, String host) {
        return new HttpRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", host);
    }

    private static Map<String, String> claims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", "72b1c9ca-e844-34fb-b2ae-b3d24d692055");
        claims.put("email_verified", "true");
        claims.put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_localpool");
        claims.put("cognito:username", "bench");
        claims.put("name", "Zo\u00eb \"Z\" \\");
        claims.put("exp", "Fri Nov 27 11:00:00 UTC 2026");
        return claims;
    }

    /** The event as ApiGateway built it before it was written directly (a tree, then serialised). */
    private static byte[] reference(HttpRequest request, RouteTable.Match match, Map<String, String> claims,
                                    String stageName, String requestId, long epochMillis, String requestTime)
            throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", match.route().path());
        event.put("path", request.path());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("X-Forwarded-For", List.of(request.sourceIp()));
        headers.putIfAbsent("X-Forwarded-Proto", List.of("http"));
        headers.putIfAbsent("X-Forwarded-Port", List.of(request.host().contains(":")
                ? request.host().substring(request.host().lastIndexOf(':') + 1) : "80"));
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.get(values.size() - 1));
            values.forEach(multi.putArray(name)::add);
        });
        Map<String, List<String>> query = referenceQuery(request.rawQuery());
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode q = event.putObject("queryStringParameters");
            ObjectNode mq = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                q.put(name, values.get(values.size() - 1));
                values.forEach(mq.putArray(name)::add);
            });
        }
        if (match.pathParameters().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode p = event.putObject("pathParameters");
            match.pathParameters().forEach(p::put);
        }
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", Integer.toHexString(match.route().path().hashCode() & 0xffffff));
        context.put("resourcePath", match.route().path());
        context.put("httpMethod", request.method());
        context.put("extendedRequestId", requestId.substring(0, 8) + "=");
        context.put("requestTime", requestTime);
        context.put("path", "/" + stageName + request.path());
        context.put("accountId", TemplateReader.ACCOUNT);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", stageName);
        context.put("domainPrefix", "localapi01");
        context.put("requestTimeEpoch", epochMillis);
        context.put("requestId", requestId);
        ObjectNode identity = context.putObject("identity");
        for (String absent : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller",
                "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user")) {
            identity.putNull(absent);
        }
        identity.put("sourceIp", request.sourceIp());
        identity.put("principalOrgId", (String) null);
        identity.put("userAgent", request.header("User-Agent").orElse(null));
        context.put("domainName", request.host());
        context.put("apiId", "localapi01");
        if (claims != null) {
            ObjectNode c = context.putObject("authorizer").putObject("claims");
            claims.forEach(c::put);
        }
        String body = request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return JSON.writeValueAsBytes(event);
    }

    private static Map<String, List<String>> referenceQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
