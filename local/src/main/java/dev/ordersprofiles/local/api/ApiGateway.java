package dev.ordersprofiles.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.auth.CognitoAuthorizer;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.http.RequestIds;
import dev.ordersprofiles.local.lambda.InvocationResult;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.ApiStage;
import dev.ordersprofiles.local.template.ApiRoute;
import dev.ordersprofiles.local.template.TemplateReader;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway (REST API, Lambda proxy integration) at the wire level: the function receives the event JSON API
 * Gateway sends, and its JSON answer becomes the HTTP response the way API Gateway builds it. The gateway's own
 * answers use its default gateway responses:
 * <ul>
 *   <li>no such route or method: 403 {@code {"message":"Missing Authentication Token"}}</li>
 *   <li>missing or invalid token on a protected route: 401 {@code {"message":"Unauthorized"}} (expired:
 *   {@code "The incoming token has expired"}); the function never runs</li>
 *   <li>stage throttling exceeded: 429 {@code {"message":"Too Many Requests"}}</li>
 *   <li>the function is throttled (reserved concurrency): 500 {@code {"message":"Internal server error"}}</li>
 *   <li>the function threw, or returned something that is not a proxy response: 502
 *   {@code {"message":"Internal server error"}}</li>
 *   <li>the function timed out: 504 {@code {"message":"Endpoint request timed out"}}</li>
 * </ul>
 */
public final class ApiGateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String API_ID = "localapi01";

    private final RouteTable routes;
    private final CognitoAuthorizer authorizer;
    private final LambdaRuntime lambdas;
    private final ApiStage stage;
    private final TokenBucket throttle;

    public ApiGateway(List<ApiRoute> routes, ApiStage stage, CognitoAuthorizer authorizer, LambdaRuntime lambdas) {
        this.routes = new RouteTable(routes);
        this.stage = stage;
        this.authorizer = authorizer;
        this.lambdas = lambdas;
        this.throttle = new TokenBucket(stage.rateLimit(), stage.burstLimit());
    }

    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        String requestId = RequestIds.next();
        Instant now = Instant.now();
        Optional<RouteTable.Match> match = routes.match(request.method(), request.path());
        Outcome outcome = match.isEmpty() ? Outcome.gateway(403, "Missing Authentication Token", null)
                : route(request, match.get(), requestId, now);
        HttpResponse response = outcome.response()
                .with("x-amzn-RequestId", requestId)
                .with("x-amz-apigw-id", requestId.substring(0, 8) + "=")
                .with("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                        + requestId.replace("-", "").substring(0, 24));
        accessLog(request, match.map(m -> m.route().path()).orElse(request.path()), response, requestId, now,
                outcome, (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private Outcome route(HttpRequest request, RouteTable.Match match, String requestId, Instant now) {
        if (!throttle.tryTake()) {
            return Outcome.gateway(429, "Too Many Requests", null);
        }
        Map<String, String> claims = null;
        if (match.route().authorized()) {
            try {
                claims = authorizer.authorize(request.header("Authorization").orElse(null));
            } catch (CognitoAuthorizer.Unauthorized refused) {
                return Outcome.gateway(401, refused.getMessage(), refused.getMessage());
            }
        }
        byte[] event = event(request, match, claims, requestId, now);
        long integrationStart = System.nanoTime();
        InvocationResult result = lambdas.invoke(match.route().functionName(), event);
        long integrationMillis = (System.nanoTime() - integrationStart) / 1_000_000;
        Outcome outcome;
        if (result instanceof InvocationResult.Success success) {
            outcome = proxyResponse(success.payload());
        } else if (result instanceof InvocationResult.Throttled) {
            outcome = Outcome.gateway(500, "Internal server error", null);
        } else if (result instanceof InvocationResult.FunctionError error && "Sandbox.Timedout".equals(error.errorType())) {
            outcome = Outcome.gateway(504, "Endpoint request timed out", null);
        } else {
            outcome = Outcome.gateway(502, "Internal server error", null);
        }
        return outcome.withIntegration(integrationMillis, claims == null ? null : claims.get("sub"));
    }

    /** The REST API proxy event (payload format 1.0). */
    private byte[] event(HttpRequest request, RouteTable.Match match, Map<String, String> claims, String requestId,
                         Instant now) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", match.route().path());
        event.put("path", request.path());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = gatewayHeaders(request);
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.get(values.size() - 1));
            values.forEach(multi.putArray(name)::add);
        });
        Map<String, List<String>> query = query(request.rawQuery());
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
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("path", "/" + stage.stageName() + request.path());
        context.put("accountId", TemplateReader.ACCOUNT);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", stage.stageName());
        context.put("domainPrefix", API_ID);
        context.put("requestTimeEpoch", now.toEpochMilli());
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
        context.put("apiId", API_ID);
        if (claims != null) {
            ObjectNode c = context.putObject("authorizer").putObject("claims");
            claims.forEach(c::put);
        }
        String body = request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's headers plus those API Gateway adds. */
    private static Map<String, List<String>> gatewayHeaders(HttpRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("X-Forwarded-For", List.of(request.sourceIp()));
        headers.putIfAbsent("X-Forwarded-Proto", List.of("http"));
        headers.putIfAbsent("X-Forwarded-Port", List.of(request.host().contains(":")
                ? request.host().substring(request.host().lastIndexOf(':') + 1) : "80"));
        return headers;
    }

    private static Map<String, List<String>> query(String raw) {
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

    /** Builds the HTTP response from the function's answer, or 502 when it is not a valid proxy response. */
    private static Outcome proxyResponse(byte[] payload) {
        JsonNode answer;
        try {
            answer = JSON.readTree(payload);
        } catch (IOException e) {
            return Outcome.gateway(502, "Internal server error", null);
        }
        if (answer == null || !answer.isObject() || !answer.path("statusCode").canConvertToInt()
                || answer.path("statusCode").asInt() < 100 || answer.path("statusCode").asInt() > 599) {
            return Outcome.gateway(502, "Internal server error", null);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (!h.getValue().isNull()) {
                headers.put(h.getKey(), new ArrayList<>(List.of(h.getValue().asText())));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("multiValueHeaders").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            List<String> values = headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
            h.getValue().forEach(v -> values.add(v.asText()));
        }
        JsonNode bodyNode = answer.path("body");
        byte[] body;
        if (bodyNode.isNull() || bodyNode.isMissingNode()) {
            body = new byte[0];
        } else if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(bodyNode.asText());
            } catch (IllegalArgumentException e) {
                return Outcome.gateway(502, "Internal server error", null);
            }
        } else if (bodyNode.isTextual()) {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        } else {
            return Outcome.gateway(502, "Internal server error", null);
        }
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return new Outcome(new HttpResponse(answer.get("statusCode").asInt(), headers, body), null, -1, null);
    }

    private void accessLog(HttpRequest request, String resourcePath, HttpResponse response, String requestId,
                           Instant now, Outcome outcome, long totalMillis) {
        ObjectNode line = JSON.createObjectNode();
        line.put("requestId", requestId);
        line.put("ip", request.sourceIp());
        line.put("requestTime", REQUEST_TIME.format(now));
        line.put("httpMethod", request.method());
        line.put("resourcePath", resourcePath);
        line.put("status", String.valueOf(response.status()));
        line.put("protocol", "HTTP/1.1");
        line.put("responseLength", String.valueOf(response.body().length));
        line.put("integrationLatency", outcome.integrationMillis() < 0 ? "-" : String.valueOf(outcome.integrationMillis()));
        line.put("latency", String.valueOf(totalMillis));
        line.put("authorizerError", outcome.authorizerError() == null ? "-" : outcome.authorizerError());
        line.put("sub", outcome.sub() == null ? "-" : outcome.sub());
        System.out.println("[api-access] " + line);
    }

    private record Outcome(HttpResponse response, String authorizerError, long integrationMillis, String sub) {
        static Outcome gateway(int status, String message, String authorizerError) {
            ObjectNode body = JSON.createObjectNode().put("message", message);
            HttpResponse response = HttpResponse.json(status, body.toString());
            if (status == 403) {
                response = response.with("x-amzn-ErrorType", "MissingAuthenticationTokenException");
            } else if (status == 401) {
                response = response.with("x-amzn-ErrorType", "UnauthorizedException");
            }
            return new Outcome(response, authorizerError, -1, null);
        }

        Outcome withIntegration(long millis, String subject) {
            return new Outcome(response, authorizerError, millis, subject);
        }
    }
}
