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
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local stack's own endpoints under {@code /_local}: a token for any username, the issuer's JWKS, the
 * workflow executions (JSON for tools, HTML for people: browsers get HTML, {@code ?format=json|html} forces one),
 * and holding/releasing workflow starts (to watch PENDING orders expire). Minting a token and holding or releasing
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

    /** @param workflow the Step Functions API, whose StartExecution calls can be held */
    Console(Optional<LocalIssuer> issuer, Executions executions, StepFunctionsApi workflow) {
        this.issuer = issuer;
        this.executions = executions;
        this.workflow = workflow;
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
        if (path.equals(PREFIX + "/executions") || path.equals(PREFIX + "/executions/")) {
            return html(request) ? HttpResponse.of(200, "text/html; charset=utf-8",
                    view.listHtml(executions.list()).getBytes(StandardCharsets.UTF_8))
                    : HttpResponse.json(200, view.listJson(executions.list()).toString());
        }
        if (path.startsWith(PREFIX + "/executions/")) {
            String name = URLDecoder.decode(path.substring((PREFIX + "/executions/").length()), StandardCharsets.UTF_8);
            Optional<Execution> execution = executions.find(name);
            if (execution.isEmpty()) {
                return problem(404, "no execution named " + name);
            }
            return html(request) ? HttpResponse.of(200, "text/html; charset=utf-8",
                    view.html(execution.get()).getBytes(StandardCharsets.UTF_8))
                    : HttpResponse.json(200, view.detailJson(execution.get()).toString());
        }
        return problem(404, "unknown local console path " + path + "; try POST /_local/token or GET /_local/executions");
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
