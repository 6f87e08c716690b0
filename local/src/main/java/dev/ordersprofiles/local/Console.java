package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.asl.Execution;
import dev.ordersprofiles.local.asl.Executions;
import dev.ordersprofiles.local.asl.view.ExecutionsView;
import dev.ordersprofiles.local.auth.LocalIssuer;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.stepfunctions.StepFunctionsApi;
import dev.ordersprofiles.local.store.StoreClient;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local stack's own endpoints under {@code /_local}: a token for any username, the issuer's JWKS, the
 * workflow executions (JSON for tools, HTML for people: browsers get HTML, {@code ?format=json|html} forces one),
 * with durations and live refresh, the logs (filter by function, level, request id; follow mode), the metrics the
 * functions emit (per minute, charted), a read-only browser of the tables ({@link ConsoleViews},
 * {@link ConsoleRecords}), and holding/releasing workflow starts (to watch PENDING orders expire). Minting a token and holding or releasing
 * are POST-only (GET is 405), and a POST from a foreign Origin never gets here
 * ({@link dev.ordersprofiles.local.security.FrontDoorGuard}).
 */
final class Console {
    static final String PREFIX = "/_local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    private final Optional<LocalIssuer> issuer;
    private final Executions executions;
    private final StepFunctionsApi workflow;
    private final ExecutionsView view = new ExecutionsView(PREFIX + "/executions");

    private final StoreClient store;
    private final List<String> tables;
    private final ConsoleRecords records = ConsoleRecords.installed();

    /** @param workflow the Step Functions API, whose StartExecution calls can be held */
    Console(Optional<LocalIssuer> issuer, Executions executions, StepFunctionsApi workflow) {
        this(issuer, executions, workflow, null, List.of());
    }

    /** @param store the store the table browser scans ({@code tables}: the template's table names) */
    Console(Optional<LocalIssuer> issuer, Executions executions, StepFunctionsApi workflow, StoreClient store,
            List<String> tables) {
        this.issuer = issuer;
        this.executions = executions;
        this.workflow = workflow;
        this.store = store;
        this.tables = List.copyOf(tables);
    }

    boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/")
                || path.equals("/" + LocalIssuer.USER_POOL_ID + "/.well-known/jwks.json");
    }

    HttpResponse handle(HttpRequest request) {
        String path = request.path();
        if (path.equals(PREFIX + "/token")) {
            return request.method().equals("POST") ? token(request)
                    : problem(405, "use POST /_local/token").with("Allow", "POST");
        }
        if (path.equals(PREFIX + "/jwks.json") || path.endsWith("/.well-known/jwks.json")) {
            return issuer.map(i -> HttpResponse.json(200, i.publicKeys().toString()))
                    .orElse(problem(404, "tokens come from the Cognito user pool given at start"));
        }
        if (path.equals(PREFIX + "/workflow/hold") || path.equals(PREFIX + "/workflow/release")) {
            if (!request.method().equals("POST")) {
                return problem(405, "use POST " + path).with("Allow", "POST");
            }
            ObjectNode answer = JSON.createObjectNode();
            if (path.endsWith("/hold")) {
                workflow.hold();
            } else {
                answer.put("started", workflow.release());
            }
            answer.put("holding", workflow.holding());
            return HttpResponse.json(200, answer.toString());
        }
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            return htmlPage(ConsoleViews.index(tables));
        }
        if (path.equals(PREFIX + "/logs")) {
            return logs(request);
        }
        if (path.equals(PREFIX + "/metrics")) {
            return metrics(request);
        }
        if (path.equals(PREFIX + "/tables") || path.startsWith(PREFIX + "/tables/")) {
            return tables(request);
        }
        if (path.equals(PREFIX + "/executions") || path.equals(PREFIX + "/executions/")) {
            return html(request) ? htmlPage(ConsoleViews.executions(executions.list(), Instant.now()))
                    : HttpResponse.json(200, view.listJson(executions.list()).toString());
        }
        if (path.startsWith(PREFIX + "/executions/")) {
            String name = URLDecoder.decode(path.substring((PREFIX + "/executions/").length()), StandardCharsets.UTF_8);
            Optional<Execution> execution = executions.find(name);
            if (execution.isEmpty()) {
                return problem(404, "no execution named " + name);
            }
            return html(request) ? htmlPage(ConsoleViews.execution(view.html(execution.get()), execution.get(),
                    Instant.now()))
                    : HttpResponse.json(200, view.detailJson(execution.get()).toString());
        }
        return problem(404, "unknown local console path " + path + "; try POST /_local/token or GET /_local/executions");
    }

    private HttpResponse logs(HttpRequest request) {
        Map<String, String> q = query(request);
        String function = q.getOrDefault("function", "");
        String level = q.getOrDefault("level", "");
        String requestId = q.getOrDefault("requestId", "").trim();
        long after;
        int limit;
        try {
            after = Long.parseLong(q.getOrDefault("after", "0"));
            limit = Integer.parseInt(q.getOrDefault("limit", "500"));
        } catch (NumberFormatException e) {
            return problem(400, "after and limit must be whole numbers");
        }
        if (limit < 1 || limit > ConsoleRecords.MAX_LINES) {
            return problem(400, "limit must be 1 to " + ConsoleRecords.MAX_LINES);
        }
        List<ConsoleRecords.Line> lines = records.lines(after, line ->
                (function.isEmpty() || line.source().equals(function))
                        && (level.isEmpty() || line.level().equalsIgnoreCase(level))
                        && (requestId.isEmpty() || line.requestId().equals(requestId) || line.text().contains(requestId)),
                limit);
        if (html(request)) {
            return htmlPage(ConsoleViews.logs(lines, records.sources(), function, level, requestId,
                    q.containsKey("follow")));
        }
        ObjectNode body = JSON.createObjectNode();
        var list = body.putArray("lines");
        long last = after;
        for (ConsoleRecords.Line line : lines) {
            ObjectNode l = list.addObject();
            l.put("seq", line.seq());
            l.put("time", line.time().toString());
            l.put("function", line.source());
            l.put("level", line.level());
            l.put("requestId", line.requestId());
            l.put("text", line.text());
            last = Math.max(last, line.seq());
        }
        body.put("last", last);
        return HttpResponse.json(200, body.toString());
    }

    private HttpResponse metrics(HttpRequest request) {
        List<ConsoleRecords.Series> series = records.series();
        long nowMinute = Instant.now().getEpochSecond() / 60;
        if (html(request)) {
            return htmlPage(ConsoleViews.metrics(series, nowMinute, 30));
        }
        ObjectNode body = JSON.createObjectNode();
        var list = body.putArray("metrics");
        for (ConsoleRecords.Series s : series) {
            ObjectNode m = list.addObject();
            m.put("namespace", s.namespace());
            m.put("name", s.name());
            m.put("function", s.function());
            ObjectNode perMinute = m.putObject("perMinute");
            s.perMinute().forEach((minute, value) -> perMinute.put(Instant.ofEpochSecond(minute * 60).toString(), value));
        }
        return HttpResponse.json(200, body.toString());
    }

    /** The table browser: read-only (a Scan, 50 items a page), only the template's tables. */
    private HttpResponse tables(HttpRequest request) {
        if (store == null) {
            return problem(404, "this stack has no table browser");
        }
        String path = request.path();
        if (path.equals(PREFIX + "/tables") || path.equals(PREFIX + "/tables/")) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : tables) {
                try {
                    counts.put(table, store.require("Scan", JSON.createObjectNode().put("TableName", table)
                            .put("Select", "COUNT")).path("Count").asLong());
                } catch (RuntimeException e) {
                    // the count is shown as unknown
                }
            }
            if (html(request)) {
                return htmlPage(ConsoleViews.tables(tables, counts));
            }
            ObjectNode body = JSON.createObjectNode();
            var list = body.putArray("tables");
            tables.forEach(t -> list.addObject().put("name", t).put("items", counts.getOrDefault(t, -1L)));
            return HttpResponse.json(200, body.toString());
        }
        String name = URLDecoder.decode(path.substring((PREFIX + "/tables/").length()), StandardCharsets.UTF_8);
        if (!tables.contains(name)) {
            return problem(404, "no table named " + name + " in the template");
        }
        ObjectNode scan = JSON.createObjectNode().put("TableName", name).put("Limit", 50);
        String start = query(request).get("start");
        if (start != null) {
            try {
                scan.set("ExclusiveStartKey", JSON.readTree(start));
            } catch (IOException e) {
                return problem(400, "start must be the JSON key of the previous page's next link");
            }
        }
        JsonNode page;
        try {
            page = store.require("Scan", scan);
        } catch (RuntimeException e) {
            return problem(400, "the store refused the scan: " + e.getMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        page.path("Items").forEach(items::add);
        String next = page.has("LastEvaluatedKey") ? page.get("LastEvaluatedKey").toString() : null;
        if (html(request)) {
            return htmlPage(ConsoleViews.table(name, items, next));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("items", JSON.valueToTree(items));
        if (next != null) {
            body.put("next", next);
        }
        return HttpResponse.json(200, body.toString());
    }

    private static HttpResponse htmlPage(String html) {
        return HttpResponse.of(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8))
                .with("Cache-Control", "no-store");
    }

    private static Map<String, String> query(HttpRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = request.rawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // a malformed escape: the parameter is ignored
            }
        }
        return out;
    }

    private HttpResponse token(HttpRequest request) {
        if (issuer.isEmpty()) {
            return problem(409, "the stack trusts a real Cognito user pool; get tokens from its Hosted UI");
        }
        JsonNode body;
        try {
            body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            return problem(400, "the body must be JSON: {\"username\": \"alice\", \"email\": \"alice@example.com\"}");
        }
        String username = body == null ? null : body.path("username").asText(null);
        if (username == null || !USERNAME.matcher(username).matches()) {
            return problem(400, "username is required: 1 to 128 letters, digits or . _ @ + -");
        }
        String email = body.path("email").asText(username.contains("@") ? username : username + "@example.com");
        if (!email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}")) {
            return problem(400, "email is not an email address");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id_token", issuer.get().idToken(username, email));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", LocalIssuer.TOKEN_LIFETIME.toSeconds());
        answer.put("sub", LocalIssuer.subjectOf(username));
        return HttpResponse.json(200, answer.toString());
    }

    private static boolean html(HttpRequest request) {
        String raw = request.rawQuery() == null ? "" : request.rawQuery();
        if (raw.contains("format=json")) {
            return false;
        }
        return raw.contains("format=html") || request.header("Accept").orElse("").contains("text/html");
    }

    private static HttpResponse problem(int status, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", status == 404 ? "Not Found" : status == 405 ? "Method Not Allowed" : "Bad Request");
        body.put("status", status);
        body.put("detail", detail);
        return HttpResponse.of(status, "application/problem+json", body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
