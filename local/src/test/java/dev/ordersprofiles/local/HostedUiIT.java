package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ordersprofiles.local.auth.CognitoAuthorizer;
import dev.ordersprofiles.local.auth.LocalIssuer;
import dev.ordersprofiles.local.auth.hostedui.HostedUi;
import dev.ordersprofiles.local.auth.hostedui.MutableClock;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.security.FrontDoorGuard;
import dev.ordersprofiles.local.template.Template;
import dev.ordersprofiles.local.template.TemplateReader;
import dev.ordersprofiles.local.template.UserPoolDef;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local Hosted UI's protocol over real HTTP, behind the stack's front door, for the template's app client:
 * sign-up and confirmation, the authorization code flow with PKCE, the implicit flow, refresh, userInfo, logout,
 * every error answer, no user enumeration, the lockout, and users surviving a restart. Time is a hand-moved clock.
 */
class HostedUiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Correct-Horse-42";

    private final MutableClock clock = new MutableClock(Instant.now());
    private Path data;
    private LocalServer server;
    private LocalIssuer issuer;
    private UserPoolDef.Client client;
    private String callback;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String base;

    record Answer(int status, java.net.http.HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }

        JsonNode json() throws Exception {
            return JSON.readTree(raw.body());
        }

        String cookie() {
            String set = header("Set-Cookie");
            return set == null ? null : set.substring(0, set.indexOf(';'));
        }
    }

    @BeforeEach
    void start() throws Exception {
        data = Files.createTempDirectory("hosted-ui-it");
        startServer();
    }

    private void startServer() throws Exception {
        Template template = TemplateReader.read(Path.of("..", "sam", "template.yaml"), Map.of());
        client = template.userPools().get(0).clients().get(0);
        callback = client.callbackUrls().get(0);
        issuer = LocalIssuer.inFolder(data, clock, template.userPools().get(0).clients().stream()
                .map(UserPoolDef.Client::clientId).toList());
        HostedUi ui = HostedUi.forTemplate(template.userPools(), issuer, Optional.of(data.resolve("hosted-ui")), clock)
                .orElseThrow();
        AtomicInteger port = new AtomicInteger();
        server = new LocalServer("127.0.0.1", 0, 4, new FrontDoorGuard(request -> ui.serves(request.path())
                ? ui.handle(request) : HttpResponse.json(404, "{}"), port::get, true));
        port.set(server.port());
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ flows

    @Test
    void discovery_names_the_local_endpoints_the_pool_issuer_and_s256() throws Exception {
        JsonNode config = get("/" + LocalIssuer.USER_POOL_ID + "/.well-known/openid-configuration", null).json();
        assertThat(config.get("issuer").asText()).isEqualTo(LocalIssuer.ISSUER);
        assertThat(config.get("authorization_endpoint").asText()).isEqualTo(base + "/oauth2/authorize");
        assertThat(config.get("token_endpoint").asText()).isEqualTo(base + "/oauth2/token");
        assertThat(config.get("userinfo_endpoint").asText()).isEqualTo(base + "/oauth2/userInfo");
        assertThat(config.get("jwks_uri").asText())
                .isEqualTo(base + "/" + LocalIssuer.USER_POOL_ID + "/.well-known/jwks.json");
        assertThat(config.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(get("/.well-known/openid-configuration", null).json()).isEqualTo(config);
    }

    @Test
    void code_flow_with_pkce_signs_up_confirms_and_exchanges_the_code_for_cognito_shaped_tokens() throws Exception {
        String verifier = "verifier-" + "x".repeat(50);
        Map<String, String> oauth = codeRequest(verifier, "st-1");

        Answer authorize = get("/oauth2/authorize?" + form(oauth), null);
        assertThat(authorize.status()).isEqualTo(302);
        assertThat(authorize.header("Location")).startsWith("/login?");
        Answer login = get(authorize.header("Location"), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"code_challenge\" value=\"" + s256(verifier) + "\"")
                .contains("id=\"signUpLink\"");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");

        Answer redirect = signUpAndConfirm("alice@example.com", oauth);
        assertThat(redirect.status()).isEqualTo(302);
        Map<String, String> back = query(redirect.header("Location"), callback + "?");
        assertThat(back).containsEntry("state", "st-1").containsKey("code");
        assertThat(redirect.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Lax");

        Answer tokens = token(Map.of("grant_type", "authorization_code", "client_id", client.clientId(),
                "code", back.get("code"), "redirect_uri", callback, "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = tokens.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(client.accessTokenValidity().toSeconds());
        assertThat(body.get("refresh_token").asText()).isNotBlank();

        JWTClaimsSet id = SignedJWT.parse(body.get("id_token").asText()).getJWTClaimsSet();
        assertThat(id.getIssuer()).isEqualTo(LocalIssuer.ISSUER);
        assertThat(id.getAudience()).containsExactly(client.clientId());
        assertThat(id.getClaim("token_use")).isEqualTo("id");
        assertThat(id.getClaim("email")).isEqualTo("alice@example.com");
        assertThat(id.getClaim("email_verified")).isEqualTo(true);
        assertThat(id.getClaim("cognito:username")).isEqualTo(id.getSubject()); // an email-username pool
        assertThat(id.getClaim("nonce")).isEqualTo("n-1");
        for (String claim : new String[] {"auth_time", "event_id", "origin_jti", "jti"}) {
            assertThat(id.getClaim(claim)).as(claim).isNotNull();
        }
        assertThat(id.getExpirationTime().toInstant().getEpochSecond() - id.getIssueTime().toInstant().getEpochSecond())
                .isEqualTo(client.idTokenValidity().toSeconds());
        JWTClaimsSet access = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(access.getClaim("token_use")).isEqualTo("access");
        assertThat(access.getClaim("client_id")).isEqualTo(client.clientId());
        assertThat(access.getClaim("scope")).isEqualTo(String.join(" ", client.scopes()));
        assertThat(access.getClaim("origin_jti")).isEqualTo(id.getClaim("origin_jti"));
        assertThat(access.getAudience()).isEmpty();
        byte[] accessHash = MessageDigest.getInstance("SHA-256")
                .digest(body.get("access_token").asText().getBytes(StandardCharsets.US_ASCII));
        assertThat(id.getClaim("at_hash")).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(accessHash, 16)));

        // The stack's authorizer takes the ID token as API Gateway's Cognito authorizer would.
        Map<String, String> claims = CognitoAuthorizer.forLocal(issuer, clock).authorize(body.get("id_token").asText());
        assertThat(claims).containsEntry("sub", id.getSubject()).containsEntry("email", "alice@example.com");

        Answer userInfo = get("/oauth2/userInfo", "Bearer " + body.get("access_token").asText());
        assertThat(userInfo.status()).isEqualTo(200);
        assertThat(userInfo.json().get("email").asText()).isEqualTo("alice@example.com");
        assertThat(userInfo.json().get("sub").asText()).isEqualTo(id.getSubject());

        // The session: a second authorize signs in without a page.
        Answer again = get("/oauth2/authorize?" + form(codeRequest(verifier, "st-2")), redirect.cookie());
        assertThat(again.status()).isEqualTo(302);
        assertThat(query(again.header("Location"), callback + "?")).containsEntry("state", "st-2").containsKey("code");

        // A replayed code is refused, and the refresh token its first use got is revoked.
        Answer replay = token(Map.of("grant_type", "authorization_code", "client_id", client.clientId(),
                "code", back.get("code"), "redirect_uri", callback, "code_verifier", verifier));
        assertError(replay, 400, "invalid_grant");
        assertError(token(Map.of("grant_type", "refresh_token", "client_id", client.clientId(),
                "refresh_token", body.get("refresh_token").asText())), 400, "invalid_grant");
    }

    @Test
    void implicit_flow_returns_the_tokens_in_the_fragment() throws Exception {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("response_type", "token");
        oauth.put("client_id", client.clientId());
        oauth.put("redirect_uri", callback);
        oauth.put("scope", "openid email");
        oauth.put("state", "imp");
        Answer redirect = signUpAndConfirm("imp@example.com", oauth);
        assertThat(redirect.status()).isEqualTo(302);
        Map<String, String> fragment = query(redirect.header("Location"), callback + "#");
        assertThat(fragment).containsEntry("state", "imp").containsEntry("token_type", "Bearer")
                .containsEntry("expires_in", Long.toString(client.accessTokenValidity().toSeconds()))
                .containsKeys("id_token", "access_token").doesNotContainKey("code").doesNotContainKey("refresh_token");
        JWTClaimsSet id = SignedJWT.parse(fragment.get("id_token")).getJWTClaimsSet();
        assertThat(id.getClaim("email")).isEqualTo("imp@example.com");
        assertThat(SignedJWT.parse(fragment.get("access_token")).getJWTClaimsSet().getClaim("scope"))
                .isEqualTo("openid email");
    }

    @Test
    void refresh_keeps_the_sign_in_and_ends_with_the_refresh_token_lifetime_or_a_revoke() throws Exception {
        JsonNode first = signedUpTokens("ref@example.com");
        clock.advance(Duration.ofHours(2)); // the ID token has expired
        Answer refreshed = token(Map.of("grant_type", "refresh_token", "client_id", client.clientId(),
                "refresh_token", first.get("refresh_token").asText()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token")).isFalse();
        JWTClaimsSet before = SignedJWT.parse(first.get("id_token").asText()).getJWTClaimsSet();
        JWTClaimsSet after = SignedJWT.parse(refreshed.json().get("id_token").asText()).getJWTClaimsSet();
        assertThat(after.getClaim("origin_jti")).isEqualTo(before.getClaim("origin_jti"));
        assertThat(after.getClaim("auth_time")).isEqualTo(before.getClaim("auth_time"));
        assertThat(after.getJWTID()).isNotEqualTo(before.getJWTID());
        assertThat(after.getExpirationTime()).isAfter(before.getExpirationTime());

        // Another client's refresh token, an unknown one, an expired one.
        assertError(token(Map.of("grant_type", "refresh_token", "client_id", client.clientId(),
                "refresh_token", "not-a-token")), 400, "invalid_grant");
        clock.advance(client.refreshTokenValidity());
        assertError(token(Map.of("grant_type", "refresh_token", "client_id", client.clientId(),
                "refresh_token", first.get("refresh_token").asText())), 400, "invalid_grant");

        JsonNode second = signedUpTokens("rev@example.com");
        Answer revoke = post("/oauth2/revoke", Map.of("client_id", client.clientId(),
                "token", second.get("refresh_token").asText()), null);
        assertThat(revoke.status()).isEqualTo(200);
        assertError(token(Map.of("grant_type", "refresh_token", "client_id", client.clientId(),
                "refresh_token", second.get("refresh_token").asText())), 400, "invalid_grant");
    }

    @Test
    void users_survive_a_restart_and_are_stored_with_argon2id_hashes_only() throws Exception {
        signedUpTokens("keep@example.com");
        String file = Files.readString(data.resolve("hosted-ui").resolve("users.json"));
        assertThat(file).contains("keep@example.com").contains("$argon2id$").doesNotContain(PASSWORD);
        server.close();
        startServer();
        Map<String, String> oauth = codeRequest("v".repeat(43), "after-restart");
        Answer signIn = post("/login", with(oauth, "username", "Keep@Example.com", "password", PASSWORD), null);
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(302);
        assertThat(query(signIn.header("Location"), callback + "?")).containsEntry("state", "after-restart");
    }

    @Test
    void logout_ends_the_session_and_goes_only_to_a_listed_logout_url() throws Exception {
        Map<String, String> oauth = codeRequest("w".repeat(43), "lo");
        Answer signedIn = signUpAndConfirm("out@example.com", oauth);
        String cookie = signedIn.cookie();
        Answer bad = get("/logout?client_id=" + client.clientId() + "&logout_uri="
                + enc("https://attacker.example/"), cookie);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("redirect_mismatch");
        Answer out = get("/logout?client_id=" + client.clientId() + "&logout_uri="
                + enc(client.logoutUrls().get(0)), cookie);
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).isEqualTo(client.logoutUrls().get(0));
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
        Answer again = get("/oauth2/authorize?" + form(oauth), cookie);
        assertThat(again.header("Location")).startsWith("/login?");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void authorize_errors_are_an_error_page_for_the_client_and_redirect_uri_and_redirects_for_the_rest()
            throws Exception {
        Map<String, String> good = codeRequest("y".repeat(43), "e");
        Answer unknownClient = get("/oauth2/authorize?" + form(with(good, "client_id", "nosuchclient")), null);
        assertThat(unknownClient.status()).isEqualTo(400);
        assertThat(unknownClient.body()).contains("invalid_request").contains("client_id");
        Answer mismatch = get("/oauth2/authorize?" + form(with(good, "redirect_uri", "https://attacker.example/cb")),
                null);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.header("Location")).isNull();
        assertThat(mismatch.body()).contains("redirect_mismatch");
        assertThat(get("/login?" + form(with(good, "redirect_uri", callback + "/x")), null).body())
                .contains("redirect_mismatch");

        assertRedirectError(with(good, "response_type", "id_token"), "unsupported_response_type");
        assertRedirectError(with(good, "scope", "openid aws.cognito.signin.user.admin"), "invalid_scope");
        assertRedirectError(with(good, "code_challenge_method", "plain"), "invalid_request");
        Map<String, String> noMethod = new LinkedHashMap<>(good);
        noMethod.remove("code_challenge_method");
        assertRedirectError(noMethod, "invalid_request");
        assertRedirectError(with(good, "code_challenge", "short"), "invalid_request");
        Answer twice = get("/oauth2/authorize?" + form(good) + "&state=again", null);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("state is given more than once");
    }

    @Test
    void token_errors_use_cognito_error_names() throws Exception {
        String verifier = "z".repeat(60);
        Map<String, String> oauth = codeRequest(verifier, "t");
        String code = query(signUpAndConfirm("tok@example.com", oauth).header("Location"), callback + "?").get("code");
        Map<String, String> good = Map.of("grant_type", "authorization_code", "client_id", client.clientId(),
                "code", code, "redirect_uri", callback, "code_verifier", verifier);

        Answer json = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertError(json, 400, "invalid_request");
        assertError(token(without(good, "grant_type")), 400, "invalid_request");
        assertError(token(with(good, "client_id", "nosuchclient")), 400, "invalid_client");
        assertError(token(with(good, "client_secret", "guess")), 400, "invalid_client");
        assertError(token(with(good, "grant_type", "password")), 400, "unsupported_grant_type");
        assertError(token(with(good, "grant_type", "client_credentials")), 400, "unauthorized_client");
        assertError(token(without(good, "code")), 400, "invalid_request");
        assertError(token(with(good, "code", "00000000-0000-0000-0000-000000000000")), 400, "invalid_grant");
        Answer get = get("/oauth2/token", null);
        assertThat(get.status()).isEqualTo(405);

        // Each of these spends the code (one use, whatever the outcome), so each gets a fresh one.
        assertError(token(without(withCode(good, oauth), "code_verifier")), 400, "invalid_request");
        assertError(token(with(withCode(good, oauth), "code_verifier", "q".repeat(60))), 400, "invalid_grant");
        assertError(token(with(withCode(good, oauth), "redirect_uri", callback + "?other")), 400, "invalid_grant");
        Map<String, String> late = withCode(good, oauth);
        clock.advance(Duration.ofMinutes(6));
        assertError(token(late), 400, "invalid_grant");
        Answer ok = token(withCode(good, oauth));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void user_info_wants_a_live_access_token() throws Exception {
        JsonNode tokens = signedUpTokens("ui@example.com");
        assertThat(get("/oauth2/userInfo", null).status()).isEqualTo(401);
        Answer withId = get("/oauth2/userInfo", "Bearer " + tokens.get("id_token").asText());
        assertError(withId, 401, "invalid_token");
        assertThat(withId.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        String access = tokens.get("access_token").asText();
        String forged = access.substring(0, access.lastIndexOf('.') + 1) + "AAAA";
        assertError(get("/oauth2/userInfo", "Bearer " + forged), 401, "invalid_token");
        clock.advance(client.accessTokenValidity());
        assertError(get("/oauth2/userInfo", "Bearer " + access), 401, "invalid_token");
    }

    @Test
    void sign_in_says_the_same_for_an_unknown_user_and_a_wrong_password_and_locks_after_five_failures()
            throws Exception {
        signedUpTokens("known@example.com");
        Map<String, String> oauth = codeRequest("k".repeat(43), "x");
        Answer wrongPassword = post("/login", with(oauth, "username", "known@example.com", "password", "Wrong-1234567"),
                null);
        Answer unknownUser = post("/login", with(oauth, "username", "nobody@example.com", "password", "Wrong-1234567"),
                null);
        assertThat(wrongPassword.status()).isEqualTo(400).isEqualTo(unknownUser.status());
        assertThat(errorMessage(wrongPassword)).isEqualTo("Incorrect username or password.")
                .isEqualTo(errorMessage(unknownUser));
        assertThat(unknownUser.body().replace("nobody@example.com", "X"))
                .isEqualTo(wrongPassword.body().replace("known@example.com", "X"));

        for (int i = 0; i < 4; i++) {
            post("/login", with(oauth, "username", "known@example.com", "password", "Wrong-1234567"), null);
        }
        Answer locked = post("/login", with(oauth, "username", "known@example.com", "password", PASSWORD), null);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(errorMessage(locked)).isEqualTo("Password attempts exceeded");
        clock.advance(Duration.ofMinutes(1));
        Answer fine = post("/login", with(oauth, "username", "known@example.com", "password", PASSWORD), null);
        assertThat(fine.status()).isEqualTo(302);
    }

    @Test
    void sign_up_holds_to_the_template_password_policy_and_a_wrong_code_does_not_confirm() throws Exception {
        Map<String, String> oauth = codeRequest("p".repeat(43), "p");
        Answer weak = post("/signup", with(oauth, "username", "weak@example.com", "password", "Short-1"), null);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(errorMessage(weak)).isEqualTo("Password did not conform with policy: Password not long enough");
        Answer noUpper = post("/signup", with(oauth, "username", "weak@example.com", "password", "lowercase-only-1"),
                null);
        assertThat(errorMessage(noUpper)).contains("uppercase");
        Answer notEmail = post("/signup", with(oauth, "username", "not-an-email", "password", PASSWORD), null);
        assertThat(notEmail.status()).isEqualTo(400);

        Answer confirmPage = post("/signup", with(oauth, "username", "code@example.com", "password", PASSWORD), null);
        assertThat(confirmPage.status()).isEqualTo(200);
        Answer wrong = post("/confirm", with(oauth, "username", "code@example.com", "code", "not-it"), null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(errorMessage(wrong)).isEqualTo("Invalid verification code provided, please try again.");
        Answer unconfirmed = post("/login", with(oauth, "username", "code@example.com", "password", PASSWORD), null);
        assertThat(unconfirmed.body()).contains("id=\"confirmForm\"");
        Answer taken = post("/signup", with(oauth, "username", "CODE@example.com", "password", PASSWORD), null);
        assertThat(errorMessage(taken)).isEqualTo("An account with the given email already exists.");
    }

    @Test
    void a_form_post_from_another_origin_is_refused_by_the_front_door() throws Exception {
        Map<String, String> oauth = codeRequest("o".repeat(43), "o");
        Answer answer = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString(form(with(oauth, "username", "a@example.com", "password",
                        PASSWORD)))).build());
        assertThat(answer.status()).isEqualTo(403);
        Answer sameOrigin = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(form(with(oauth, "username", "a@example.com", "password",
                        PASSWORD)))).build());
        assertThat(sameOrigin.status()).isEqualTo(400); // reached the Hosted UI: no such user
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, String> codeRequest(String verifier, String state) throws Exception {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("response_type", "code");
        oauth.put("client_id", client.clientId());
        oauth.put("redirect_uri", callback);
        oauth.put("scope", String.join(" ", client.scopes()));
        oauth.put("state", state);
        oauth.put("nonce", "n-1");
        oauth.put("code_challenge", s256(verifier));
        oauth.put("code_challenge_method", "S256");
        return oauth;
    }

    /** Signs up {@code email}, reads the code off the confirmation page as a user would, and confirms. */
    private Answer signUpAndConfirm(String email, Map<String, String> oauth) throws Exception {
        Answer confirmPage = post("/signup", with(oauth, "username", email, "password", PASSWORD), null);
        assertThat(confirmPage.status()).as(confirmPage.body()).isEqualTo(200);
        Matcher code = Pattern.compile("id=\"localConfirmationCode\">(\\d{6})<").matcher(confirmPage.body());
        assertThat(code.find()).as(confirmPage.body()).isTrue();
        return post("/confirm", with(oauth, "username", email, "code", code.group(1)), null);
    }

    private JsonNode signedUpTokens(String email) throws Exception {
        String verifier = "s".repeat(43);
        Map<String, String> oauth = codeRequest(verifier, "s");
        String code = query(signUpAndConfirm(email, oauth).header("Location"), callback + "?").get("code");
        Answer tokens = token(Map.of("grant_type", "authorization_code", "client_id", client.clientId(), "code", code,
                "redirect_uri", callback, "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }

    /** {@code good} with a new code for the same request (the session cookie is not kept, so sign in again). */
    private Map<String, String> withCode(Map<String, String> good, Map<String, String> oauth) throws Exception {
        Answer signIn = post("/login", with(oauth, "username", "tok@example.com", "password", PASSWORD), null);
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(302);
        return with(good, "code", query(signIn.header("Location"), callback + "?").get("code"));
    }

    private void assertRedirectError(Map<String, String> oauth, String error) {
        Answer answer = get("/oauth2/authorize?" + form(oauth), null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        Map<String, String> back = query(answer.header("Location"), callback + "?");
        assertThat(back).containsEntry("error", error).containsEntry("state", oauth.get("state"));
    }

    private static void assertError(Answer answer, int status, String error) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).as(answer.body()).isEqualTo(error);
    }

    private static String errorMessage(Answer page) {
        Matcher m = Pattern.compile("id=\"loginErrorMessage\" role=\"alert\">([^<]*)<").matcher(page.body());
        return m.find() ? m.group(1).replace("&#39;", "'") : null;
    }

    private Answer token(Map<String, String> params) {
        return post("/oauth2/token", params, null);
    }

    private Answer get(String path, String cookieOrAuthorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookieOrAuthorization != null) {
            request.header(cookieOrAuthorization.startsWith("Bearer ") ? "Authorization" : "Cookie",
                    cookieOrAuthorization);
        }
        return send(request.build());
    }

    private Answer post(String path, Map<String, String> params, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            java.net.http.HttpResponse<String> response = http.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static Map<String, String> without(Map<String, String> base, String name) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.remove(name);
        return out;
    }

    private static String form(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return out.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String location, String prefix) {
        assertThat(location).startsWith(prefix);
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : location.substring(prefix.length()).split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
