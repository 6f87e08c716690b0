package dev.ordersprofiles.local.api;

import dev.ordersprofiles.local.auth.CognitoAuthorizer;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.http.RequestIds;
import dev.ordersprofiles.local.lambda.InvocationResult;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.ApiStage;
import dev.ordersprofiles.local.template.ApiRoute;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * API Gateway (REST API, Lambda proxy integration) at the wire level: the function receives the event JSON API
 * Gateway sends, and its JSON answer becomes the HTTP response the way API Gateway builds it. The gateway's own
 * answers are the template's Gateway Responses where it declares them (by type, else its DEFAULT_4XX/DEFAULT_5XX,
 * with the {@code $context} variables of the template filled in), else API Gateway's defaults:
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
 * With the API's {@code Cors} setting, OPTIONS on any path of the API is the preflight SAM configures (200, the
 * Access-Control-Allow-* headers, no body, no authorizer, no function), and the gateway's own answers carry
 * Access-Control-Allow-Origin as the template's Gateway Responses add it; the functions' answers carry whatever
 * the functions set (a proxy integration passes them through).
 */
public final class ApiGateway {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final RouteTable routes;
    private final CognitoAuthorizer authorizer;
    private final LambdaRuntime lambdas;
    private final ApiStage stage;
    private final TokenBucket throttle;
    private final GatewayAnswers answers;
    /** The last second's request time as API Gateway writes it: formatted once per second, not per request. */
    private volatile RequestTime lastRequestTime = new RequestTime(Long.MIN_VALUE, "");

    private record RequestTime(long epochSecond, String text) {
    }

    public ApiGateway(List<ApiRoute> routes, ApiStage stage, CognitoAuthorizer authorizer, LambdaRuntime lambdas) {
        this.routes = new RouteTable(routes);
        this.stage = stage;
        this.authorizer = authorizer;
        this.lambdas = lambdas;
        this.throttle = new TokenBucket(stage.rateLimit(), stage.burstLimit());
        this.answers = new GatewayAnswers(stage.gatewayResponses(), stage.stageName());
    }

    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        String requestId = RequestIds.next();
        Instant now = Instant.now();
        Optional<RouteTable.Match> match = routes.match(request.method(), request.path());
        Call call = new Call(request, match.isPresent() ? match.get().route().path() : request.path(), requestId,
                now, requestTime(now), started);
        if (match.isEmpty() && request.method().equals("OPTIONS") && stage.cors().isPresent()
                && routes.anyMethod(request.path())) {
            return finish(call, preflight(stage.cors().get()));
        }
        if (match.isEmpty()) {
            return finish(call, gateway(call, "MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", null));
        }
        return route(call, match.get());
    }

    /** One request on its way through the gateway. */
    private record Call(HttpRequest request, String resourcePath, String requestId, Instant now, String requestTime,
                        long startedNanos) {
    }

    private HttpResponse route(Call call, RouteTable.Match match) {
        HttpRequest request = call.request();
        if (!throttle.tryTake()) {
            return finish(call, gateway(call, "THROTTLED", 429, "Too Many Requests", null));
        }
        Map<String, String> claims = null;
        if (match.route().authorized()) {
            try {
                claims = authorizer.authorize(request.header("Authorization").orElse(null));
            } catch (CognitoAuthorizer.Unauthorized refused) {
                return finish(call, gateway(call, "UNAUTHORIZED", 401, refused.getMessage(), refused.getMessage()));
            }
        }
        String sub = claims == null ? null : claims.get("sub");
        byte[] event = ProxyEvent.write(request, match, claims, stage.stageName(), call.requestId(),
                call.now().toEpochMilli(), call.requestTime());
        long integrationStart = System.nanoTime();
        InvocationResult result;
        AtomicReference<HttpResponse> answeredEarly = new AtomicReference<>();
        if (request.early() != null) {
            // The function runs on this thread; should it pass its timeout, the 504 goes out right then, from the
            // runtime's timeout thread, as API Gateway answers while the function may still be running.
            result = lambdas.invokeOnCaller(match.route().functionName(), event, timedOut -> {
                HttpResponse response = finish(call, outcome(call, timedOut).withIntegration(
                        (System.nanoTime() - integrationStart) / 1_000_000, sub));
                answeredEarly.set(response);
                request.early().send(response);
            });
        } else {
            result = lambdas.invoke(match.route().functionName(), event);
        }
        if (answeredEarly.get() != null) {
            return answeredEarly.get();
        }
        long integrationMillis = (System.nanoTime() - integrationStart) / 1_000_000;
        return finish(call, outcome(call, result).withIntegration(integrationMillis, sub));
    }

    private static Outcome preflight(ApiStage.Cors cors) {
        HttpResponse response = HttpResponse.of(200, "application/json", new byte[0])
                .with("Access-Control-Allow-Origin", cors.allowOrigin())
                .with("Access-Control-Allow-Methods", cors.allowMethods());
        if (!cors.allowHeaders().isEmpty()) {
            response = response.with("Access-Control-Allow-Headers", cors.allowHeaders());
        }
        if (!cors.maxAge().isEmpty()) {
            response = response.with("Access-Control-Max-Age", cors.maxAge());
        }
        return new Outcome(response, null, -1, null, false);
    }

    /** What API Gateway makes of the function's result. */
    private Outcome outcome(Call call, InvocationResult result) {
        if (result instanceof InvocationResult.Success success) {
            HttpResponse response = ProxyResponse.from(success.payload());
            return response == null ? gateway(call, null, 502, "Internal server error", null)
                    : new Outcome(response, null, -1, null, false);
        }
        if (result instanceof InvocationResult.Throttled) {
            return gateway(call, null, 500, "Internal server error", null);
        }
        if (result instanceof InvocationResult.FunctionError error && "Sandbox.Timedout".equals(error.errorType())) {
            return gateway(call, "INTEGRATION_TIMEOUT", 504, "Endpoint request timed out", null);
        }
        return gateway(call, null, 502, "Internal server error", null);
    }

    /**
     * The gateway's own answer: the template's Gateway Response for {@code type} if it has one, else its
     * DEFAULT_4XX or DEFAULT_5XX (what an uncustomised type inherits, status included), else API Gateway's built-in
     * {@code {"message": ...}}. {@code type} is null for answers of no type of their own (a malformed or failed
     * proxy integration, a throttled function), which only the defaults cover.
     */
    private Outcome gateway(Call call, String type, int status, String message, String authorizerError) {
        Outcome builtIn = Outcome.gateway(status, message, authorizerError);
        Map<String, String> context = new HashMap<>();
        context.put("requestId", call.requestId());
        context.put("extendedRequestId", call.requestId());
        context.put("httpMethod", call.request().method());
        context.put("path", "/" + stage.stageName() + call.request().path());
        context.put("resourcePath", call.resourcePath());
        HttpResponse response = answers.answer(type, status, message, builtIn.response(), context);
        return new Outcome(response, authorizerError, -1, null, true);
    }

    /** The response with API Gateway's own headers, and its access log line. */
    private HttpResponse finish(Call call, Outcome outcome) {
        String requestId = call.requestId();
        Map<String, List<String>> headers = new LinkedHashMap<>(outcome.response().headers());
        if (outcome.gatewayMade() && stage.cors().isPresent()) {
            headers.put("Access-Control-Allow-Origin", List.of(stage.cors().get().allowOrigin()));
        }
        headers.put("x-amzn-RequestId", List.of(requestId));
        headers.put("x-amz-apigw-id", List.of(requestId.substring(0, 8) + "="));
        headers.put("X-Amzn-Trace-Id", List.of(traceId(call.now(), requestId)));
        HttpResponse response = new HttpResponse(outcome.response().status(), headers, outcome.response().body());
        accessLog(call, response, outcome, (System.nanoTime() - call.startedNanos()) / 1_000_000);
        return response;
    }

    private String requestTime(Instant now) {
        RequestTime last = lastRequestTime;
        if (last.epochSecond() != now.getEpochSecond()) {
            last = new RequestTime(now.getEpochSecond(), REQUEST_TIME.format(now));
            lastRequestTime = last;
        }
        return last.text();
    }

    /** {@code Root=1-<epoch seconds, hex>-<the request id's first 24 hex digits>}. */
    private static String traceId(Instant now, String requestId) {
        StringBuilder trace = new StringBuilder(48).append("Root=1-").append(Long.toHexString(now.getEpochSecond()))
                .append('-');
        if (requestId.length() == 36 && requestId.charAt(8) == '-' && requestId.charAt(13) == '-'
                && requestId.charAt(18) == '-' && requestId.charAt(23) == '-') {
            // A UUID (as RequestIds makes them): 8-4-4-4-12 hex digits, the first 24 without the dashes.
            return trace.append(requestId, 0, 8).append(requestId, 9, 13).append(requestId, 14, 18)
                    .append(requestId, 19, 23).append(requestId, 24, 28).toString();
        }
        int digits = 0;
        for (int i = 0; i < requestId.length() && digits < 24; i++) {
            char c = requestId.charAt(i);
            if (c != '-') {
                trace.append(c);
                digits++;
            }
        }
        return trace.toString();
    }

    private static final byte[] LOG_REQUEST_ID = JsonBytes.fieldName("requestId");
    private static final byte[] LOG_IP = JsonBytes.fieldName("ip");
    private static final byte[] LOG_REQUEST_TIME = JsonBytes.fieldName("requestTime");
    private static final byte[] LOG_HTTP_METHOD = JsonBytes.fieldName("httpMethod");
    private static final byte[] LOG_RESOURCE_PATH = JsonBytes.fieldName("resourcePath");
    private static final byte[] LOG_STATUS = JsonBytes.fieldName("status");
    private static final byte[] LOG_PROTOCOL = JsonBytes.fieldName("protocol");
    private static final byte[] LOG_RESPONSE_LENGTH = JsonBytes.fieldName("responseLength");
    private static final byte[] LOG_INTEGRATION_LATENCY = JsonBytes.fieldName("integrationLatency");
    private static final byte[] LOG_LATENCY = JsonBytes.fieldName("latency");
    private static final byte[] LOG_AUTHORIZER_ERROR = JsonBytes.fieldName("authorizerError");
    private static final byte[] LOG_SUB = JsonBytes.fieldName("sub");

    /** The stage's access log line (JSON, every value a string, "-" when there is none). */
    private static void accessLog(Call call, HttpResponse response, Outcome outcome, long totalMillis) {
        HttpRequest request = call.request();
        JsonBytes line = JsonBytes.local().rawText("[api-access] ").startObject();
        line.name(LOG_REQUEST_ID).value(call.requestId());
        line.name(LOG_IP).value(request.sourceIp());
        line.name(LOG_REQUEST_TIME).value(call.requestTime());
        line.name(LOG_HTTP_METHOD).value(request.method());
        line.name(LOG_RESOURCE_PATH).value(call.resourcePath());
        line.name(LOG_STATUS).value(String.valueOf(response.status()));
        line.name(LOG_PROTOCOL).value("HTTP/1.1");
        line.name(LOG_RESPONSE_LENGTH).value(String.valueOf(response.body().length));
        line.name(LOG_INTEGRATION_LATENCY).value(
                outcome.integrationMillis() < 0 ? "-" : String.valueOf(outcome.integrationMillis()));
        line.name(LOG_LATENCY).value(String.valueOf(totalMillis));
        line.name(LOG_AUTHORIZER_ERROR).value(outcome.authorizerError() == null ? "-" : outcome.authorizerError());
        line.name(LOG_SUB).value(outcome.sub() == null ? "-" : outcome.sub());
        System.out.println(line.endObject().asString());
    }

    /** {@code gatewayMade}: the gateway's own answer (a Gateway Response), not the function's. */
    private record Outcome(HttpResponse response, String authorizerError, long integrationMillis, String sub,
                           boolean gatewayMade) {
        static Outcome gateway(int status, String message, String authorizerError) {
            HttpResponse response = HttpResponse.of(status, "application/json",
                    JsonBytes.local().startObject().name("message").value(message).endObject().toByteArray());
            if (status == 403) {
                response = response.with("x-amzn-ErrorType", "MissingAuthenticationTokenException");
            } else if (status == 401) {
                response = response.with("x-amzn-ErrorType", "UnauthorizedException");
            }
            return new Outcome(response, authorizerError, -1, null, true);
        }

        Outcome withIntegration(long millis, String subject) {
            return new Outcome(response, authorizerError, millis, subject, gatewayMade);
        }
    }
}
