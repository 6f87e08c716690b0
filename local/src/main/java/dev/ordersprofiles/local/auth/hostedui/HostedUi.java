package dev.ordersprofiles.local.auth.hostedui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ordersprofiles.local.auth.LocalIssuer;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.template.UserPoolDef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A local Hosted UI for the template's user pool, speaking the protocol of Cognito's: the OpenID configuration,
 * {@code /oauth2/authorize} (authorization code, with PKCE S256, and the implicit flow), the sign-in, sign-up and
 * confirmation pages, {@code /logout}, {@code /oauth2/token} (authorization_code and refresh_token grants),
 * {@code /oauth2/userInfo} and {@code /oauth2/revoke}. The app clients, their flows, scopes, callback and sign-out
 * URLs and token lifetimes are the template's ({@link UserPoolDef}); tokens are signed with the {@link LocalIssuer}'s
 * key and carry Cognito's claims. Users and refresh tokens persist in {@link UserDirectory}; sessions and
 * authorization codes live in memory (a restart signs everyone out of the Hosted UI, not out of their tokens).
 * <p>
 * Forms post to the stack's own origin; the stack's {@code FrontDoorGuard} refuses a state-changing request from
 * any other origin (CSRF), and the session cookie is {@code HttpOnly; SameSite=Lax}. A wrong password and an
 * unknown username get the same answer, after the same Argon2 work, and both count towards the name's lockout
 * ({@link LoginThrottle}).
 */
public final class HostedUi {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    static final Duration SESSION_LIFETIME = Duration.ofHours(1);
    static final Duration CONFIRMATION_CODE_LIFETIME = Duration.ofHours(24);
    static final String COOKIE = "cognito";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>]{1,64}@[^@\\s\"<>]{1,190}\\.[^@\\s\"<>.]{1,63}");
    private static final Set<String> PATHS = Set.of("/oauth2/authorize", "/oauth2/token", "/oauth2/userInfo",
            "/oauth2/revoke", "/login", "/signup", "/confirm", "/logout", "/error",
            "/.well-known/openid-configuration", "/" + LocalIssuer.USER_POOL_ID + "/.well-known/openid-configuration",
            HostedUi.CONFIG);
    /** What a page needs to sign in here (the docs site's Try-it page reads it when the stack serves the docs). */
    public static final String CONFIG = "/_local/hosted-ui";
    /** The OAuth parameters of an authorization request, carried from page to page. */
    private static final List<String> OAUTH_PARAMETERS = List.of("response_type", "client_id", "redirect_uri",
            "state", "scope", "code_challenge", "code_challenge_method", "nonce");
    private static final String WRONG_CREDENTIALS = "Incorrect username or password.";

    private final UserPoolDef pool;
    private final Map<String, UserPoolDef.Client> clients = new LinkedHashMap<>();
    private final LocalIssuer issuer;
    private final Clock clock;
    private final UserDirectory directory;
    private final PasswordHasher hasher = new PasswordHasher();
    private final LoginThrottle throttle;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    /** Codes already exchanged, until they would have expired: a second use revokes what the first one got. */
    private final Map<String, AuthCode> spentCodes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private record AuthCode(String clientId, String redirectUri, String codeChallenge, String sub, List<String> scopes,
                            String nonce, long authTime, String eventId, Instant expires, String[] refreshToken) {
    }

    private record Session(String sub, long authTime, String eventId, Instant expires) {
    }

    /** A checked authorization request. */
    private record Authorize(UserPoolDef.Client client, String responseType, String redirectUri, String state,
                             List<String> scopes, String codeChallenge, String nonce, Map<String, String> params) {
    }

    /** Either a valid request or the answer to give instead. */
    private record Checked(Authorize request, HttpResponse refusal) {
    }

    HostedUi(UserPoolDef pool, LocalIssuer issuer, UserDirectory directory, Clock clock) {
        this.pool = pool;
        this.issuer = issuer;
        this.directory = directory;
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
        pool.clients().forEach(c -> clients.put(c.clientId(), c));
    }

    /**
     * The Hosted UI of the template's first user pool, its users kept in {@code folder} (none: in memory only); empty
     * when the template has no user pool.
     */
    public static Optional<HostedUi> forTemplate(List<UserPoolDef> pools, LocalIssuer issuer, Optional<Path> folder,
                                                 Clock clock) {
        return pools.stream().findFirst().map(pool -> new HostedUi(pool, issuer, UserDirectory.in(folder), clock));
    }

    public boolean serves(String path) {
        return PATHS.contains(path);
    }

    public HttpResponse handle(HttpRequest request) {
        String path = request.path();
        String method = request.method();
        try {
            return switch (path) {
                case "/.well-known/openid-configuration" -> get(method, () -> discovery(request));
                case CONFIG -> get(method, () -> config(request));
                case "/oauth2/authorize" -> get(method, () -> authorize(request));
                case "/login" -> method.equals("POST") ? signIn(request) : get(method, () -> signInPage(request));
                case "/signup" -> method.equals("POST") ? signUp(request) : get(method, () -> signUpPage(request));
                case "/confirm" -> post(method, () -> confirm(request));
                case "/logout" -> get(method, () -> logout(request));
                case "/error" -> get(method, () -> Pages.error(400, single(query(request), "error").orElse("error"),
                        "The request could not be completed."));
                case "/oauth2/token" -> post(method, () -> token(request));
                case "/oauth2/revoke" -> post(method, () -> revoke(request));
                case "/oauth2/userInfo" -> method.equals("GET") || method.equals("POST") ? userInfo(request)
                        : notAllowed("GET, POST");
                default -> get(method, () -> discovery(request)); // /<pool id>/.well-known/openid-configuration
            };
        } catch (BadParameters e) {
            if (path.startsWith("/oauth2/token") || path.startsWith("/oauth2/revoke")) {
                return oauthError(400, "invalid_request", e.getMessage());
            }
            return Pages.error(400, "invalid_request", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ discovery

    private HttpResponse discovery(HttpRequest request) {
        String base = "http://" + request.host();
        ObjectNode body = JSON.createObjectNode();
        body.put("issuer", LocalIssuer.ISSUER);
        body.put("authorization_endpoint", base + "/oauth2/authorize");
        body.put("token_endpoint", base + "/oauth2/token");
        body.put("userinfo_endpoint", base + "/oauth2/userInfo");
        body.put("revocation_endpoint", base + "/oauth2/revoke");
        body.put("end_session_endpoint", base + "/logout");
        body.put("jwks_uri", base + "/" + LocalIssuer.USER_POOL_ID + "/.well-known/jwks.json");
        body.putArray("response_types_supported").add("code").add("token");
        body.putArray("grant_types_supported").add("authorization_code").add("implicit").add("refresh_token");
        body.putArray("code_challenge_methods_supported").add("S256");
        body.putArray("scopes_supported").add("openid").add("email").add("phone").add("profile");
        body.putArray("subject_types_supported").add("public");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post")
                .add("none");
        return HttpResponse.json(200, body.toString());
    }

    /**
     * The local pool for a browser page: the Hosted UI's base URL, the app clients with their callback and sign-out
     * URLs, and the API's base URL (the same origin locally), in the shape the Try-it page reads from the deployed
     * stack's outputs too.
     */
    private HttpResponse config(HttpRequest request) {
        String base = "http://" + request.host();
        ObjectNode body = JSON.createObjectNode();
        body.put("source", "local stack");
        body.put("userPoolId", LocalIssuer.USER_POOL_ID);
        body.put("hostedUi", base);
        body.put("api", base);
        var list = body.putArray("clients");
        for (UserPoolDef.Client client : clients.values()) {
            ObjectNode c = list.addObject();
            c.put("logicalId", client.logicalId());
            c.put("clientId", client.clientId());
            client.flows().forEach(c.putArray("flows")::add);
            client.scopes().forEach(c.putArray("scopes")::add);
            client.callbackUrls().forEach(c.putArray("callbackUrls")::add);
            client.logoutUrls().forEach(c.putArray("logoutUrls")::add);
        }
        return noStore(HttpResponse.json(200, body.toString()));
    }

    // ------------------------------------------------------------------ authorize and the pages

    private HttpResponse authorize(HttpRequest request) {
        Checked checked = check(query(request));
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Optional<Session> session = session(request);
        if (session.isPresent()) {
            return complete(checked.request(), session.get());
        }
        return redirect("/login?" + Forms.encode(checked.request().params()));
    }

    private HttpResponse signInPage(HttpRequest request) {
        Checked checked = check(query(request));
        return checked.refusal() != null ? checked.refusal()
                : Pages.signIn(200, checked.request().params(), null, "");
    }

    private HttpResponse signUpPage(HttpRequest request) {
        Checked checked = check(query(request));
        return checked.refusal() != null ? checked.refusal()
                : Pages.signUp(200, checked.request().params(), null, "", policyText());
    }

    private HttpResponse signIn(HttpRequest request) {
        Map<String, List<String>> form = form(request);
        Checked checked = check(form);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Authorize authorize = checked.request();
        String typed = single(form, "username").orElse("");
        String username = normalise(typed);
        String password = single(form, "password").orElse("");
        if (throttle.locked(username)) {
            return Pages.signIn(429, authorize.params(), "Password attempts exceeded", typed);
        }
        Optional<UserDirectory.User> user = directory.user(username);
        boolean good;
        if (user.isPresent()) {
            good = hasher.matches(password, user.get().passwordHash());
        } else {
            hasher.matchesNothing(password);
            good = false;
        }
        if (!good) {
            throttle.failed(username);
            return Pages.signIn(400, authorize.params(), WRONG_CREDENTIALS, typed);
        }
        throttle.succeeded(username);
        if (!user.get().confirmed()) {
            return Pages.confirm(200, authorize.params(), null, username, freshCode(user.get()));
        }
        return signedIn(authorize, user.get());
    }

    private HttpResponse signUp(HttpRequest request) {
        Map<String, List<String>> form = form(request);
        Checked checked = check(form);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Authorize authorize = checked.request();
        String typed = single(form, "username").orElse("");
        String username = normalise(typed);
        String password = single(form, "password").orElse("");
        if (!EMAIL.matcher(username).matches()) {
            return Pages.signUp(400, authorize.params(), "Invalid email address format.", typed, policyText());
        }
        Optional<String> weak = policyViolation(password);
        if (weak.isPresent()) {
            return Pages.signUp(400, authorize.params(), "Password did not conform with policy: " + weak.get(), typed,
                    policyText());
        }
        String code = sixDigits();
        UserDirectory.User user = new UserDirectory.User(UUID.randomUUID().toString(), username, username,
                hasher.hash(password), false, code, clock.instant().plus(CONFIRMATION_CODE_LIFETIME).getEpochSecond(),
                clock.instant().getEpochSecond());
        // As Cognito's sign-up does even with PreventUserExistenceErrors: sign-in and confirmation reveal nothing.
        if (!directory.add(user)) {
            return Pages.signUp(400, authorize.params(), "An account with the given email already exists.", typed,
                    policyText());
        }
        log("signed-up", user.sub());
        return Pages.confirm(200, authorize.params(), null, username, code);
    }

    private HttpResponse confirm(HttpRequest request) {
        Map<String, List<String>> form = form(request);
        Checked checked = check(form);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Authorize authorize = checked.request();
        String username = normalise(single(form, "username").orElse(""));
        String code = single(form, "code").orElse("").trim();
        String key = "confirm:" + username;
        if (throttle.locked(key)) {
            return Pages.confirm(429, authorize.params(), "Attempt limit exceeded, please try after some time.",
                    username, null);
        }
        Optional<UserDirectory.User> user = directory.user(username);
        if (user.isEmpty() || user.get().confirmed() || user.get().confirmationCode() == null
                || !MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8),
                user.get().confirmationCode().getBytes(StandardCharsets.UTF_8))) {
            throttle.failed(key);
            return Pages.confirm(400, authorize.params(), "Invalid verification code provided, please try again.",
                    username, null);
        }
        if (clock.instant().getEpochSecond() > user.get().codeExpiresEpoch()) {
            return Pages.confirm(400, authorize.params(), "Invalid code provided, please request a code again.",
                    username, freshCode(user.get()));
        }
        throttle.succeeded(key);
        UserDirectory.User confirmed = user.get().confirm();
        directory.replace(confirmed);
        log("confirmed", confirmed.sub());
        return signedIn(authorize, confirmed);
    }

    private HttpResponse logout(HttpRequest request) {
        Map<String, List<String>> query = query(request);
        UserPoolDef.Client client = single(query, "client_id").map(clients::get).orElse(null);
        if (client == null) {
            return Pages.error(400, "invalid_request", "client_id is missing or is not an app client of this pool");
        }
        Optional<String> logoutUri = single(query, "logout_uri");
        String target;
        if (logoutUri.isPresent()) {
            if (!client.logoutUrls().contains(logoutUri.get())) {
                return Pages.error(400, "redirect_mismatch", "logout_uri is not one of the client's LogoutURLs");
            }
            target = logoutUri.get();
        } else {
            Checked checked = check(query);
            if (checked.refusal() != null) {
                return checked.refusal();
            }
            target = "/login?" + Forms.encode(checked.request().params());
        }
        cookie(request).ifPresent(sessions::remove);
        return redirect(target).with("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    }

    /**
     * Checks an authorization request as Cognito does: an unknown client or a redirect URI that is not one of its
     * CallbackURLs is an error page (never a redirect to an unchecked URI); everything else wrong goes back to the
     * redirect URI as {@code error=...}.
     */
    private Checked check(Map<String, List<String>> params) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : OAUTH_PARAMETERS) {
            single(params, name).ifPresent(v -> kept.put(name, v));
        }
        UserPoolDef.Client client = kept.containsKey("client_id") ? clients.get(kept.get("client_id")) : null;
        if (client == null) {
            return new Checked(null, Pages.error(400, "invalid_request",
                    "client_id is missing or is not an app client of this user pool"));
        }
        String redirectUri = kept.get("redirect_uri");
        if (redirectUri == null || !client.callbackUrls().contains(redirectUri)) {
            return new Checked(null, Pages.error(400, "redirect_mismatch",
                    "redirect_uri is missing or is not one of the app client's CallbackURLs"));
        }
        String state = kept.get("state");
        String responseType = kept.get("response_type");
        if (responseType == null) {
            return refuse(redirectUri, state, "invalid_request", "response_type is required");
        }
        if (!responseType.equals("code") && !responseType.equals("token")) {
            return refuse(redirectUri, state, "unsupported_response_type", "response_type must be code or token");
        }
        if (!client.flows().contains(responseType.equals("code") ? "code" : "implicit")) {
            return refuse(redirectUri, state, "unauthorized_client", "the app client does not allow this flow");
        }
        List<String> scopes = kept.containsKey("scope")
                ? Arrays.stream(kept.get("scope").split(" ")).filter(s -> !s.isEmpty()).distinct().toList()
                : client.scopes();
        if (scopes.isEmpty() || !client.scopes().containsAll(scopes)) {
            return refuse(redirectUri, state, "invalid_scope", "a scope is not one of the app client's scopes");
        }
        String challenge = kept.get("code_challenge");
        String challengeMethod = kept.get("code_challenge_method");
        if (responseType.equals("code") && (challenge != null || challengeMethod != null)) {
            if (challenge == null || !"S256".equals(challengeMethod) || !VERIFIER.matcher(challenge).matches()) {
                return refuse(redirectUri, state, "invalid_request",
                        "PKCE needs code_challenge_method=S256 and a code_challenge");
            }
        }
        return new Checked(new Authorize(client, responseType, redirectUri, state, scopes,
                responseType.equals("code") ? challenge : null, kept.get("nonce"), kept), null);
    }

    private static Checked refuse(String redirectUri, String state, String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        if (state != null) {
            params.put("state", state);
        }
        return new Checked(null, redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?")
                + Forms.encode(params)));
    }

    /** A new session for the user, then the authorization request's answer. */
    private HttpResponse signedIn(Authorize authorize, UserDirectory.User user) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.expires().isBefore(now));
        String id = randomToken();
        Session session = new Session(user.sub(), now.getEpochSecond(), UUID.randomUUID().toString(),
                now.plus(SESSION_LIFETIME));
        sessions.put(id, session);
        log("signed-in", user.sub());
        return complete(authorize, session).with("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax;"
                + " Max-Age=" + SESSION_LIFETIME.toSeconds());
    }

    /** The redirect that ends an authorization: with a code, or (implicit) with the tokens in the fragment. */
    private HttpResponse complete(Authorize authorize, Session session) {
        Optional<UserDirectory.User> user = directory.userBySub(session.sub());
        if (user.isEmpty()) {
            return redirect("/login?" + Forms.encode(authorize.params()));
        }
        Map<String, String> answer = new LinkedHashMap<>();
        if (authorize.responseType().equals("code")) {
            Instant now = clock.instant();
            codes.values().removeIf(c -> c.expires().isBefore(now));
            spentCodes.values().removeIf(c -> c.expires().isBefore(now));
            String code = UUID.randomUUID().toString();
            codes.put(code, new AuthCode(authorize.client().clientId(), authorize.redirectUri(),
                    authorize.codeChallenge(), session.sub(), authorize.scopes(), authorize.nonce(), session.authTime(),
                    session.eventId(), now.plus(CODE_LIFETIME), new String[1]));
            answer.put("code", code);
            if (authorize.state() != null) {
                answer.put("state", authorize.state());
            }
            String uri = authorize.redirectUri();
            return redirect(uri + (uri.contains("?") ? "&" : "?") + Forms.encode(answer));
        }
        String originJti = UUID.randomUUID().toString();
        String access = accessToken(user.get(), authorize.client(), session.authTime(), session.eventId(), originJti,
                authorize.scopes());
        if (authorize.scopes().contains("openid")) {
            answer.put("id_token", idToken(user.get(), authorize.client(), session.authTime(), session.eventId(),
                    originJti, authorize.nonce(), access));
        }
        answer.put("access_token", access);
        answer.put("expires_in", Long.toString(authorize.client().accessTokenValidity().toSeconds()));
        answer.put("token_type", "Bearer");
        if (authorize.state() != null) {
            answer.put("state", authorize.state());
        }
        return redirect(authorize.redirectUri() + "#" + Forms.encode(answer));
    }

    // ------------------------------------------------------------------ token, revoke, userInfo

    private HttpResponse token(HttpRequest request) {
        if (!request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            return oauthError(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }
        Map<String, List<String>> form = form(request);
        Optional<String> grantType = single(form, "grant_type");
        if (grantType.isEmpty()) {
            return oauthError(400, "invalid_request", "grant_type is required");
        }
        Optional<UserPoolDef.Client> client = client(request, form);
        if (client.isEmpty()) {
            return oauthError(400, "invalid_client", "client_id is missing, unknown, or its secret is wrong");
        }
        return switch (grantType.get()) {
            case "authorization_code" -> codeGrant(client.get(), form);
            case "refresh_token" -> refreshGrant(client.get(), form);
            case "client_credentials" -> oauthError(400, "unauthorized_client",
                    "the app client has no secret: client_credentials is not allowed");
            default -> oauthError(400, "unsupported_grant_type",
                    "grant_type must be authorization_code or refresh_token");
        };
    }

    private HttpResponse codeGrant(UserPoolDef.Client client, Map<String, List<String>> form) {
        if (!client.flows().contains("code")) {
            return oauthError(400, "unauthorized_client", "the app client does not allow the code flow");
        }
        Optional<String> code = single(form, "code");
        Optional<String> redirectUri = single(form, "redirect_uri");
        if (code.isEmpty() || redirectUri.isEmpty()) {
            return oauthError(400, "invalid_request", "code and redirect_uri are required");
        }
        AuthCode grant = codes.remove(code.get());
        if (grant == null) {
            AuthCode spent = spentCodes.remove(code.get());
            if (spent != null && spent.refreshToken()[0] != null) {
                directory.revokeRefreshToken(spent.refreshToken()[0]); // a replayed code: what it got is revoked
            }
            return oauthError(400, "invalid_grant", "the code is unknown, expired or used");
        }
        Instant now = clock.instant();
        if (now.isAfter(grant.expires()) || !grant.clientId().equals(client.clientId())
                || !grant.redirectUri().equals(redirectUri.get())) {
            return oauthError(400, "invalid_grant", "the code is unknown, expired, used, or for another client or"
                    + " redirect_uri");
        }
        if (grant.codeChallenge() != null) {
            Optional<String> verifier = single(form, "code_verifier");
            if (verifier.isEmpty() || !VERIFIER.matcher(verifier.get()).matches()) {
                return oauthError(400, "invalid_request", "code_verifier is required: 43 to 128 characters of"
                        + " A-Z a-z 0-9 - . _ ~");
            }
            if (!MessageDigest.isEqual(s256(verifier.get()).getBytes(StandardCharsets.US_ASCII),
                    grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
                return oauthError(400, "invalid_grant", "code_verifier does not match the code_challenge");
            }
        }
        Optional<UserDirectory.User> user = directory.userBySub(grant.sub());
        if (user.isEmpty() || !user.get().confirmed()) {
            return oauthError(400, "invalid_grant", "the user is gone");
        }
        String originJti = UUID.randomUUID().toString();
        String refreshToken = randomToken() + "." + randomToken();
        directory.addRefreshToken(refreshToken, new UserDirectory.RefreshToken(null, grant.sub(), client.clientId(),
                originJti, grant.eventId(), grant.authTime(), grant.scopes(),
                now.plus(client.refreshTokenValidity()).getEpochSecond()));
        grant.refreshToken()[0] = refreshToken;
        spentCodes.put(code.get(), grant);
        ObjectNode body = JSON.createObjectNode();
        String access = accessToken(user.get(), client, grant.authTime(), grant.eventId(), originJti, grant.scopes());
        if (grant.scopes().contains("openid")) {
            body.put("id_token", idToken(user.get(), client, grant.authTime(), grant.eventId(), originJti,
                    grant.nonce(), access));
        }
        body.put("access_token", access);
        body.put("refresh_token", refreshToken);
        body.put("expires_in", client.accessTokenValidity().toSeconds());
        body.put("token_type", "Bearer");
        log("tokens-issued", grant.sub());
        return noStore(HttpResponse.json(200, body.toString()));
    }

    private HttpResponse refreshGrant(UserPoolDef.Client client, Map<String, List<String>> form) {
        Optional<String> token = single(form, "refresh_token");
        if (token.isEmpty()) {
            return oauthError(400, "invalid_request", "refresh_token is required");
        }
        Optional<UserDirectory.RefreshToken> grant = directory.refreshToken(token.get());
        Instant now = clock.instant();
        if (grant.isEmpty() || now.getEpochSecond() >= grant.get().expiresEpoch()
                || !grant.get().clientId().equals(client.clientId())) {
            return oauthError(400, "invalid_grant", "Invalid Refresh Token");
        }
        Optional<UserDirectory.User> user = directory.userBySub(grant.get().sub());
        if (user.isEmpty()) {
            return oauthError(400, "invalid_grant", "Invalid Refresh Token");
        }
        UserDirectory.RefreshToken g = grant.get();
        ObjectNode body = JSON.createObjectNode();
        String access = accessToken(user.get(), client, g.authTimeEpoch(), g.eventId(), g.originJti(), g.scopes());
        if (g.scopes().contains("openid")) {
            body.put("id_token", idToken(user.get(), client, g.authTimeEpoch(), g.eventId(), g.originJti(), null,
                    access));
        }
        body.put("access_token", access);
        body.put("expires_in", client.accessTokenValidity().toSeconds());
        body.put("token_type", "Bearer");
        return noStore(HttpResponse.json(200, body.toString()));
    }

    private HttpResponse revoke(HttpRequest request) {
        Map<String, List<String>> form = form(request);
        Optional<UserPoolDef.Client> client = client(request, form);
        if (client.isEmpty()) {
            return oauthError(400, "invalid_client", "client_id is missing, unknown, or its secret is wrong");
        }
        Optional<String> token = single(form, "token");
        if (token.isEmpty()) {
            return oauthError(400, "invalid_request", "token is required");
        }
        Optional<UserDirectory.RefreshToken> known = directory.refreshToken(token.get());
        if (known.isPresent() && known.get().clientId().equals(client.get().clientId())) {
            directory.revokeRefreshToken(token.get());
        }
        return noStore(HttpResponse.of(200, "application/json", new byte[0]));
    }

    private HttpResponse userInfo(HttpRequest request) {
        String authorization = request.header("Authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return invalidToken("Access token is missing");
        }
        Optional<JWTClaimsSet> claims = issuer.verifiedClaims(authorization.substring(7).trim());
        if (claims.isEmpty()) {
            return invalidToken("Invalid access token");
        }
        JWTClaimsSet c = claims.get();
        Object tokenUse = c.getClaim("token_use");
        Object clientId = c.getClaim("client_id");
        if (!LocalIssuer.ISSUER.equals(c.getIssuer()) || !"access".equals(tokenUse) || clientId == null
                || !clients.containsKey(String.valueOf(clientId))) {
            return invalidToken("Invalid access token");
        }
        if (c.getExpirationTime() == null || !clock.instant().isBefore(c.getExpirationTime().toInstant())) {
            return invalidToken("Access token has expired");
        }
        Object scope = c.getClaim("scope");
        if (scope == null || !List.of(String.valueOf(scope).split(" ")).contains("openid")) {
            return HttpResponse.json(403, "{\"error\":\"insufficient_scope\",\"error_description\":"
                            + "\"the access token has no openid scope\"}")
                    .with("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        }
        Optional<UserDirectory.User> user = directory.userBySub(c.getSubject());
        if (user.isEmpty()) {
            return invalidToken("User does not exist.");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("sub", user.get().sub());
        body.put("email_verified", "true");
        body.put("email", user.get().email());
        body.put("username", cognitoUsername(user.get()));
        return noStore(HttpResponse.json(200, body.toString()));
    }

    // ------------------------------------------------------------------ tokens

    /** The ID token, with {@code at_hash} of the access token issued with it (the left half of its SHA-256). */
    private String idToken(UserDirectory.User user, UserPoolDef.Client client, long authTime, String eventId,
                           String originJti, String nonce, String accessToken) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.sub())
                .claim("email_verified", true)
                .issuer(LocalIssuer.ISSUER)
                .claim("cognito:username", cognitoUsername(user))
                .claim("origin_jti", originJti)
                .audience(client.clientId())
                .claim("event_id", eventId)
                .claim("token_use", "id")
                .claim("auth_time", authTime)
                .expirationTime(Date.from(now.plus(client.idTokenValidity())))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", user.email())
                .claim("at_hash", atHash(accessToken));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return issuer.sign(claims.build());
    }

    private String accessToken(UserDirectory.User user, UserPoolDef.Client client, long authTime, String eventId,
                               String originJti, List<String> scopes) {
        Instant now = clock.instant();
        return issuer.sign(new JWTClaimsSet.Builder()
                .subject(user.sub())
                .issuer(LocalIssuer.ISSUER)
                .claim("client_id", client.clientId())
                .claim("origin_jti", originJti)
                .claim("event_id", eventId)
                .claim("token_use", "access")
                .claim("scope", String.join(" ", scopes))
                .claim("auth_time", authTime)
                .expirationTime(Date.from(now.plus(client.accessTokenValidity())))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", cognitoUsername(user))
                .build());
    }

    /** In a pool whose username is the email, Cognito's internal username is the user's sub. */
    private String cognitoUsername(UserDirectory.User user) {
        return pool.emailIsUsername() ? user.sub() : user.username();
    }

    // ------------------------------------------------------------------ helpers

    /** The client named by HTTP Basic or {@code client_id}; a client without a secret must not send one. */
    private Optional<UserPoolDef.Client> client(HttpRequest request, Map<String, List<String>> form) {
        String authorization = request.header("Authorization").orElse("");
        String id = single(form, "client_id").orElse(null);
        String secret = single(form, "client_secret").orElse(null);
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            String basicId = colon < 0 ? decoded : decoded.substring(0, colon);
            if (id != null && !id.equals(basicId)) {
                return Optional.empty();
            }
            id = basicId;
            secret = colon < 0 ? null : decoded.substring(colon + 1);
        }
        UserPoolDef.Client client = id == null ? null : clients.get(id);
        if (client == null || (secret != null && !secret.isEmpty())) {
            return Optional.empty(); // no template client has a secret the local pool could check
        }
        return Optional.of(client);
    }

    private Optional<Session> session(HttpRequest request) {
        return cookie(request).map(sessions::get).filter(s -> clock.instant().isBefore(s.expires()));
    }

    private static Optional<String> cookie(HttpRequest request) {
        for (String header : request.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Cookie")).flatMap(e -> e.getValue().stream()).toList()) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=") && p.length() > COOKIE.length() + 1) {
                    return Optional.of(p.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private String freshCode(UserDirectory.User user) {
        if (user.confirmationCode() != null && clock.instant().getEpochSecond() <= user.codeExpiresEpoch()) {
            return user.confirmationCode();
        }
        String code = sixDigits();
        directory.replace(new UserDirectory.User(user.sub(), user.username(), user.email(), user.passwordHash(), false,
                code, clock.instant().plus(CONFIRMATION_CODE_LIFETIME).getEpochSecond(), user.createdEpoch()));
        return code;
    }

    private String sixDigits() {
        return String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    }

    private Optional<String> policyViolation(String password) {
        UserPoolDef.PasswordPolicy p = pool.passwordPolicy();
        if (password.length() < p.minimumLength()) {
            return Optional.of("Password not long enough");
        }
        if (password.length() > 256) {
            return Optional.of("Password is too long");
        }
        if (p.requireUppercase() && password.chars().noneMatch(Character::isUpperCase)) {
            return Optional.of("Password must have uppercase characters");
        }
        if (p.requireLowercase() && password.chars().noneMatch(Character::isLowerCase)) {
            return Optional.of("Password must have lowercase characters");
        }
        if (p.requireNumbers() && password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("Password must have numeric characters");
        }
        if (p.requireSymbols() && password.chars().allMatch(Character::isLetterOrDigit)) {
            return Optional.of("Password must have symbol characters");
        }
        return Optional.empty();
    }

    private String policyText() {
        UserPoolDef.PasswordPolicy p = pool.passwordPolicy();
        List<String> needs = new ArrayList<>();
        needs.add("at least " + p.minimumLength() + " characters");
        if (p.requireUppercase()) {
            needs.add("an upper-case letter");
        }
        if (p.requireLowercase()) {
            needs.add("a lower-case letter");
        }
        if (p.requireNumbers()) {
            needs.add("a digit");
        }
        if (p.requireSymbols()) {
            needs.add("a symbol");
        }
        return "The password needs " + String.join(", ", needs) + ".";
    }

    private static String normalise(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String atHash(String accessToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Map<String, List<String>> query(HttpRequest request) {
        try {
            return Forms.parse(request.rawQuery());
        } catch (IllegalArgumentException e) {
            throw new BadParameters("the query string is not well-formed");
        }
    }

    private static Map<String, List<String>> form(HttpRequest request) {
        try {
            return Forms.parse(new String(request.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BadParameters("the form is not well-formed");
        }
    }

    /** A parameter given once; given more than once it is a bad request, as OAuth requires. */
    private static Optional<String> single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new BadParameters(name + " is given more than once");
        }
        return Optional.of(values.get(0));
    }

    private static HttpResponse get(String method, java.util.function.Supplier<HttpResponse> answer) {
        return method.equals("GET") || method.equals("HEAD") ? answer.get() : notAllowed("GET");
    }

    private static HttpResponse post(String method, java.util.function.Supplier<HttpResponse> answer) {
        return method.equals("POST") ? answer.get() : notAllowed("POST");
    }

    private static HttpResponse notAllowed(String allow) {
        return HttpResponse.json(405, "{\"error\":\"invalid_request\",\"error_description\":\"use " + allow + "\"}")
                .with("Allow", allow);
    }

    private static HttpResponse redirect(String location) {
        return noStore(HttpResponse.of(302, "text/plain; charset=utf-8", new byte[0])).with("Location", location);
    }

    static HttpResponse oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return noStore(HttpResponse.json(status, body.toString()));
    }

    private static HttpResponse invalidToken(String description) {
        return oauthError(401, "invalid_token", description)
                .with("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    static HttpResponse noStore(HttpResponse response) {
        return response.with("Cache-Control", "no-store").with("Pragma", "no-cache");
    }

    /** One JSON line per sign-up, confirmation, sign-in and token issue: the user's sub, never a secret. */
    private void log(String event, String sub) {
        System.out.println("{\"time\":\"" + clock.instant() + "\",\"level\":\"INFO\",\"component\":\"hosted-ui\","
                + "\"event\":\"" + event + "\",\"sub\":\"" + sub + "\"}");
    }

    private static final class BadParameters extends RuntimeException {
        BadParameters(String message) {
            super(message);
        }
    }
}
