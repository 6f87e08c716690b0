package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Hosted UI on the running stack: its pages and endpoints are routes of the stack's port, the JWKS the OpenID
 * configuration names is served, and an ID token from the code flow passes the API's authorizer.
 */
class HostedUiStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "http://localhost:3000/docs/try.html";
    private static LocalStack stack;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        stack = LocalStack.start(LocalOptions.defaults().withPort(0)
                .withDataDir(Files.createTempDirectory("hosted-ui-stack-it"))
                .withTemplate(Path.of("..", "sam", "template.yaml")));
        base = "http://127.0.0.1:" + stack.port();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_user_signed_up_through_the_hosted_ui_calls_the_api_with_the_id_token() throws Exception {
        JsonNode config = JSON.readTree(send(get("/.well-known/openid-configuration")).body());
        HttpResponse<String> jwks = send(HttpRequest.newBuilder(URI.create(config.get("jwks_uri").asText())).build());
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(jwks.body()).get("keys")).hasSize(1);

        String clientId = templateClientId();
        String verifier = "stack-verifier-" + "a".repeat(40);
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("response_type", "code");
        oauth.put("client_id", clientId);
        oauth.put("redirect_uri", CALLBACK);
        oauth.put("scope", "openid email");
        oauth.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))));
        oauth.put("code_challenge_method", "S256");
        assertThat(send(get("/oauth2/authorize?" + form(oauth))).headers().firstValue("Location").orElseThrow())
                .startsWith("/login?");

        HttpResponse<String> confirmPage = send(post("/signup", with(oauth, "username", "stack@example.com",
                "password", "Correct-Horse-42")));
        Matcher code = Pattern.compile("id=\"localConfirmationCode\">(\\d{6})<").matcher(confirmPage.body());
        assertThat(code.find()).as(confirmPage.body()).isTrue();
        HttpResponse<String> back = send(post("/confirm", with(oauth, "username", "stack@example.com", "code",
                code.group(1))));
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?code=");
        String authCode = URLDecoder.decode(location.substring((CALLBACK + "?code=").length()), StandardCharsets.UTF_8);

        HttpResponse<String> tokens = send(post("/oauth2/token", Map.of("grant_type", "authorization_code",
                "client_id", clientId, "code", authCode, "redirect_uri", CALLBACK, "code_verifier", verifier)));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String idToken = JSON.readTree(tokens.body()).get("id_token").asText();

        HttpResponse<String> profile = send(HttpRequest.newBuilder(URI.create(base + "/profiles"))
                .header("Authorization", idToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Stack User\"}")).build());
        assertThat(profile.statusCode()).as(profile.body()).isIn(200, 201);
        assertThat(JSON.readTree(profile.body()).path("profile").path("email").asText())
                .isEqualTo("stack@example.com");
        // The access token is not an ID token: the API's authorizer refuses it, as API Gateway's does.
        HttpResponse<String> withAccess = send(HttpRequest.newBuilder(URI.create(base + "/orders"))
                .header("Authorization", JSON.readTree(tokens.body()).get("access_token").asText()).build());
        assertThat(withAccess.statusCode()).isEqualTo(401);
    }

    @Test
    void the_try_it_page_and_its_script_are_served_with_a_policy_that_lets_the_script_call_this_origin()
            throws Exception {
        HttpResponse<String> page = send(get("/docs/try.html"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"try.js\"").contains("id=\"signIn\"");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'").doesNotContain("unsafe-eval");
        HttpResponse<String> script = send(get("/docs/try.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.body()).contains("code_challenge_method: 'S256'").contains("/_local/hosted-ui");
        // The page's redirect URI is the app client's callback URL, so the Hosted UI sends the browser back to it.
        JsonNode config = JSON.readTree(send(get("/_local/hosted-ui")).body());
        assertThat(config.get("clients").get(0).get("callbackUrls").toString()).contains(CALLBACK);
        assertThat(config.get("clients").get(0).get("logoutUrls").toString()).contains(CALLBACK);
    }

    /** The template's app client, as the stack describes it to a page at /_local/hosted-ui. */
    private static String templateClientId() throws Exception {
        JsonNode config = JSON.readTree(send(get("/_local/hosted-ui")).body());
        assertThat(config.get("hostedUi").asText()).isEqualTo(base);
        assertThat(config.get("clients").get(0).get("callbackUrls").toString()).contains(CALLBACK);
        String clientId = config.get("clients").get(0).get("clientId").asText();
        assertThat(clientId).isEqualTo(dev.ordersprofiles.local.template.TemplateReader.read(
                Path.of("..", "sam", "template.yaml"), Map.of()).userPools().get(0).clients().get(0).clientId());
        return clientId;
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    }

    private static HttpRequest post(String path, Map<String, String> params) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static String form(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
