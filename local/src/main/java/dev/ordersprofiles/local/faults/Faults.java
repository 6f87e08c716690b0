package dev.ordersprofiles.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.lambda.InvocationInterceptor;
import dev.ordersprofiles.local.lambda.InvocationResult;
import dev.ordersprofiles.local.template.FunctionDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The faults being injected now ({@link FaultPlan}) and where they are injected: around the functions' AWS API
 * route ({@link #aroundAwsApis}: DynamoDB and Step Functions calls answered with AWS's error shapes) and around
 * every function invocation ({@link #invocations()}: the hook of {@code LambdaRuntime}). {@code /_local/faults}
 * shows them (GET) and changes them (POST). One random generator, seeded by {@code --fault-seed} when given, draws
 * once per call that a share applies to; which call gets which draw depends on timing. Counts what it injected.
 */
public final class Faults {
    public static final String PATH = "/_local/faults";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
    private static final String STATES_TARGET = "AWSStepFunctions.";
    /** DynamoDB's item operations, whose throttle is ProvisionedThroughputExceededException. */
    private static final Set<String> ITEM_OPERATIONS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem",
            "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems");

    private final Set<String> functionNames;
    private final Clock clock;
    private final Random random;
    private final Optional<Long> seed;
    private volatile FaultPlan plan = FaultPlan.NONE;
    private final Map<String, Instant> downUntil = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

    /**
     * @param specs     {@code --fault} specs, applied in order now
     * @param seed      the random generator's seed ({@code --fault-seed}); empty: a random one
     * @param functions the template's functions (a spec naming another is refused)
     * @throws IllegalArgumentException for a spec that is not understood or names no function of the template
     */
    public Faults(List<String> specs, Optional<Long> seed, Collection<String> functions, Clock clock) {
        this.functionNames = Set.copyOf(functions);
        this.clock = clock;
        this.seed = seed;
        this.random = seed.map(Random::new).orElseGet(Random::new);
        apply(specs, false);
    }

    public FaultPlan plan() {
        return plan;
    }

    /** Replaces (or with {@code clear}, first empties) the plan; outages given start now. */
    public synchronized void apply(List<String> specs, boolean clear) {
        FaultPlan next = clear ? FaultPlan.NONE : plan;
        List<String> outages = new ArrayList<>();
        for (String spec : specs) {
            next = next.with(spec);
            String s = spec.strip();
            if (s.startsWith("function:")) {
                String name = s.substring("function:".length(), s.lastIndexOf(':'));
                if (!functionNames.contains(name)) {
                    throw new IllegalArgumentException("--fault " + FaultPlan.printable(s) + ": the template has no"
                            + " function " + FaultPlan.printable(name) + " (it has " + functionNames.stream().sorted().toList()
                            + ")");
                }
            } else if (s.contains(":down=")) {
                outages.add(s.substring(0, s.indexOf(':')));
            }
        }
        Instant now = clock.instant();
        if (clear) {
            downUntil.clear();
        }
        for (String api : outages) {
            downUntil.put(api, now.plus(next.api(api).down()));
        }
        plan = next;
    }

    /** True while some fault is configured (an outage that has ended included, until cleared). */
    public boolean active() {
        return !plan.isNone();
    }

    /** The functions' AWS API route with the API faults in front of it. */
    public Function<HttpRequest, HttpResponse> aroundAwsApis(Function<HttpRequest, HttpResponse> next) {
        return request -> {
            Optional<HttpResponse> fault = apiFault(request);
            return fault.orElseGet(() -> next.apply(request));
        };
    }

    /** The hook for LambdaRuntime: function errors and timeouts. */
    public InvocationInterceptor invocations() {
        return new InvocationInterceptor() {
            @Override
            public InvocationResult before(FunctionDef function, String requestId) {
                FaultPlan.FunctionFaults f = plan.function(function.name()).orElse(null);
                if (f == null || f.error() == 0) {
                    return null;
                }
                count(seen, "function:" + function.name());
                if (draw() >= f.error()) {
                    return null;
                }
                count(injected, "function:" + function.name() + ":error");
                return functionError("Runtime.ExitError", "RequestId: " + requestId
                        + " Error: Runtime exited with error: exit status 1 (injected: --fault function:"
                        + function.name() + ":error)");
            }

            @Override
            public InvocationResult after(FunctionDef function, String requestId, InvocationResult outcome) {
                FaultPlan.FunctionFaults f = plan.function(function.name()).orElse(null);
                if (f == null || f.timeout() == 0 || outcome instanceof InvocationResult.Throttled) {
                    return outcome;
                }
                // Drawn against the share left after the error draw, so that error + timeout is the share failing.
                double left = 1.0 - f.error();
                if (left <= 0 || draw() >= f.timeout() / left) {
                    return outcome;
                }
                count(injected, "function:" + function.name() + ":timeout");
                return functionError("Sandbox.Timedout", "RequestId: " + requestId + " Error: Task timed out after "
                        + function.timeoutSeconds() + ".00 seconds (injected: --fault function:" + function.name()
                        + ":timeout; the handler had run to its end)");
            }
        };
    }

    /** The fault to answer {@code request} with instead of the API, if one is drawn. */
    Optional<HttpResponse> apiFault(HttpRequest request) {
        if (!request.method().equals("POST")) {
            return Optional.empty();
        }
        String target = request.header("X-Amz-Target").orElse("");
        String api;
        String operation;
        if (target.startsWith(DYNAMODB_TARGET)) {
            api = "dynamodb";
            operation = target.substring(DYNAMODB_TARGET.length());
        } else if (target.startsWith(STATES_TARGET)) {
            api = "states";
            operation = target.substring(STATES_TARGET.length());
        } else {
            return Optional.empty();
        }
        FaultPlan.ApiFaults f = plan.api(api);
        if (f.isNone()) {
            return Optional.empty();
        }
        count(seen, api);
        Instant until = downUntil.get(api);
        if (until != null && clock.instant().isBefore(until)) {
            count(injected, api + ":down");
            return Optional.of(api.equals("dynamodb")
                    ? awsError(503, "com.amazonaws.dynamodb.v20120810#ServiceUnavailableException", null,
                    "Service unavailable (injected: --fault dynamodb:down)")
                    : awsError(503, "ServiceUnavailable", "ServiceUnavailable",
                    "Service unavailable (injected: --fault states:down)"));
        }
        if (f.error() == 0 && f.throttle() == 0) {
            return Optional.empty();
        }
        double r = draw();
        if (r < f.error()) {
            count(injected, api + ":error");
            return Optional.of(api.equals("dynamodb")
                    ? awsError(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", null,
                    "Internal server error (injected: --fault dynamodb:error)")
                    : awsError(500, "InternalFailure", "InternalFailure",
                    "Internal failure (injected: --fault states:error)"));
        }
        if (r < f.error() + f.throttle()) {
            count(injected, api + ":throttle");
            if (api.equals("states")) {
                return Optional.of(awsError(400, "ThrottlingException", "ThrottlingException",
                        "Rate exceeded (injected: --fault states:throttle)"));
            }
            return Optional.of(ITEM_OPERATIONS.contains(operation)
                    ? awsError(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", null,
                    "The level of configured provisioned throughput for the table was exceeded. Consider increasing"
                            + " your provisioning level with the UpdateTable API. (injected: --fault dynamodb:throttle)")
                    : awsError(400, "com.amazon.coral.availability#ThrottlingException", null,
                    "Rate of requests exceeds the allowed throughput. (injected: --fault dynamodb:throttle)"));
        }
        return Optional.empty();
    }

    public boolean serves(String path) {
        return path.equals(PATH);
    }

    /** {@code GET /_local/faults}: what is injected and how often it was; {@code POST}: changes it. */
    public HttpResponse handle(HttpRequest request) {
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            return HttpResponse.json(200, describe().toString());
        }
        if (!request.method().equals("POST")) {
            return problem(405, "use GET " + PATH + " to see the faults, POST to change them")
                    .with("Allow", "GET, HEAD, POST");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        String usage = "the body must be JSON: {\"clear\": true, \"faults\": [\"dynamodb:error=0.1\","
                + " \"dynamodb:down=30s\", \"function:NAME:timeout=0.05\"]}";
        if (body == null || !body.isObject()) {
            return problem(400, usage);
        }
        JsonNode clear = body.path("clear");
        JsonNode faults = body.path("faults");
        if (!clear.isMissingNode() && !clear.isBoolean() || !faults.isMissingNode() && !faults.isArray()
                || clear.isMissingNode() && faults.isMissingNode()) {
            return problem(400, usage);
        }
        List<String> specs = new ArrayList<>();
        for (JsonNode spec : faults) {
            if (!spec.isTextual()) {
                return problem(400, usage);
            }
            specs.add(spec.asText());
        }
        try {
            apply(specs, clear.asBoolean(false));
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
        System.out.println(startLine("changed"));
        return HttpResponse.json(200, describe().toString());
    }

    /** A JSON log line saying what is injected ({@code event}: started, changed). */
    public String startLine(String event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("level", "WARN");
        line.put("component", "faults");
        line.put("event", event);
        line.set("faults", describe().get("faults"));
        return line.toString();
    }

    /** The plan, the outages' ends, the seed and the counts, as GET /_local/faults answers them. */
    public ObjectNode describe() {
        FaultPlan now = plan;
        ObjectNode out = JSON.createObjectNode();
        ObjectNode faults = out.putObject("faults");
        for (String api : FaultPlan.APIS) {
            FaultPlan.ApiFaults f = now.api(api);
            ObjectNode a = faults.putObject(api);
            a.put("error", f.error());
            a.put("throttle", f.throttle());
            Instant until = downUntil.get(api);
            if (until != null && clock.instant().isBefore(until)) {
                a.put("downUntil", until.toString());
            } else {
                a.putNull("downUntil");
            }
        }
        ObjectNode functions = faults.putObject("functions");
        new TreeMap<>(now.functions()).forEach((name, f) -> functions.putObject(name)
                .put("error", f.error()).put("timeout", f.timeout()));
        if (seed.isPresent()) {
            out.put("seed", seed.get());
        } else {
            out.putNull("seed");
        }
        ObjectNode counted = out.putObject("calls");
        new TreeMap<>(seen).forEach((k, v) -> counted.put(k, v.get()));
        ObjectNode done = out.putObject("injected");
        new TreeMap<>(injected).forEach((k, v) -> done.put(k, v.get()));
        return out;
    }

    /** How many faults of {@code kind} (e.g. {@code dynamodb:error}) were injected so far. */
    public long injected(String kind) {
        AtomicLong n = injected.get(kind);
        return n == null ? 0 : n.get();
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private static void count(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static HttpResponse awsError(int status, String type, String errorTypeHeader, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/x-amz-json-1.0"));
        headers.put("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
        if (errorTypeHeader != null) {
            headers.put("X-Amzn-ErrorType", List.of(errorTypeHeader));
        }
        return new HttpResponse(status, headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static InvocationResult.FunctionError functionError(String type, String message) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("errorType", type);
        doc.put("errorMessage", message);
        return new InvocationResult.FunctionError(type, message, doc.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse problem(int status, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", status == 405 ? "Method Not Allowed" : "Bad Request");
        body.put("status", status);
        body.put("detail", detail);
        return HttpResponse.of(status, "application/problem+json", body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
