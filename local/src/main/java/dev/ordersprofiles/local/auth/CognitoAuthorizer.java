package dev.ordersprofiles.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Verifies identity tokens as API Gateway's Cognito user pool authorizer does: an RS256-signed JWT from the
 * pool's issuer, for the app client, with {@code token_use=id}, not expired, signed by a key of the pool's JWKS.
 * Anything else (alg none, HMAC, a foreign key, a wrong audience …) is refused. Accepts the raw token or
 * {@code Bearer <token>}.
 */
public final class CognitoAuthorizer {
    private static final DateTimeFormatter CLAIM_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * Tokens already verified, with their claims: a repeated token costs a map lookup, not an RSA check. At most
     * this many; the longest-remembered go first.
     */
    private static final int CACHE_SIZE = 10_000;

    private final JWKSource<SecurityContext> keys;
    private final String issuer;
    private final Set<String> clientIds;
    private final Clock clock;
    private final int cacheSize;
    /** Lock-free: every request of every thread reads it. */
    private final Map<TokenKey, Verified> verified = new ConcurrentHashMap<>(256);
    /** The remembered tokens in the order they were first verified, for eviction. */
    private final Queue<TokenKey> verifiedOrder = new ConcurrentLinkedQueue<>();
    private final Map<RSAKey, RSASSAVerifier> verifiers = new ConcurrentHashMap<>();

    /** How far a token's nbf or iat may lie ahead of this clock (clocks of issuer and gateway differ a little). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private record Verified(Map<String, String> claims, Instant expires) {
    }

    /**
     * A token as a key of the remembered ones: hashed on its last characters only (a JWT ends with its signature),
     * so that a lookup does not hash a whole ~1 KB token every request; equal only to the very same token.
     */
    private record TokenKey(String token) {
        private static final int HASHED = 32;

        @Override
        public int hashCode() {
            int hash = token.length();
            for (int i = Math.max(0, token.length() - HASHED); i < token.length(); i++) {
                hash = 31 * hash + token.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey key && key.token.equals(token);
        }
    }

    public CognitoAuthorizer(JWKSource<SecurityContext> keys, String issuer, String clientId, Clock clock) {
        this(keys, issuer, Set.of(clientId), clock, CACHE_SIZE);
    }

    CognitoAuthorizer(JWKSource<SecurityContext> keys, String issuer, String clientId, Clock clock, int cacheSize) {
        this(keys, issuer, Set.of(clientId), clock, cacheSize);
    }

    /** Accepts ID tokens whose audience is any of {@code clientIds} (the pool's app clients). */
    CognitoAuthorizer(JWKSource<SecurityContext> keys, String issuer, Set<String> clientIds, Clock clock,
                      int cacheSize) {
        this.keys = keys;
        this.issuer = issuer;
        this.clientIds = Set.copyOf(clientIds);
        this.clock = clock;
        this.cacheSize = cacheSize;
    }

    /** Trusts the local issuer, for any of its app clients. */
    public static CognitoAuthorizer forLocal(LocalIssuer issuer, Clock clock) {
        return new CognitoAuthorizer((selector, context) -> selector.select(issuer.publicKeys()),
                LocalIssuer.ISSUER, issuer.clientIds(), clock, CACHE_SIZE);
    }

    /** Trusts a real Cognito user pool, e.g. {@code eu-west-1_AbCdEf123}, and its app client. */
    public static CognitoAuthorizer forUserPool(String userPoolId, String clientId, Clock clock) {
        int underscore = userPoolId.indexOf('_');
        if (underscore <= 0 || !userPoolId.matches("[a-z]{2}(-[a-z]+)+-\\d_[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("'" + userPoolId + "' is not a Cognito user pool id (region_id)");
        }
        String region = userPoolId.substring(0, underscore);
        String issuer = "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
        try {
            return new CognitoAuthorizer(JWKSourceBuilder.create(
                    URI.create(issuer + "/.well-known/jwks.json").toURL()).build(), issuer, clientId, clock);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad user pool id " + userPoolId, e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /**
     * The token's claims as API Gateway hands them to the function: every value a string.
     *
     * @throws Unauthorized with the message API Gateway answers
     */
    public Map<String, String> authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new Unauthorized("Unauthorized");
        }
        String token = authorizationHeader.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        TokenKey key = new TokenKey(token);
        Verified known = verified.get(key);
        if (known == null) {
            known = verify(token);
            remember(key, known);
        }
        if (!clock.instant().isBefore(known.expires())) {
            throw new Unauthorized("The incoming token has expired");
        }
        return known.claims();
    }

    private void remember(TokenKey token, Verified known) {
        if (verified.putIfAbsent(token, known) == null) {
            verifiedOrder.add(token);
            while (verified.size() > cacheSize) {
                TokenKey oldest = verifiedOrder.poll();
                if (oldest == null) {
                    break;
                }
                verified.remove(oldest);
            }
        }
    }

    /** How many verified tokens are remembered (for tests). */
    int remembered() {
        return verified.size();
    }

    private Verified verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new Unauthorized("Unauthorized");
        }
        JWSHeader header = jwt.getHeader();
        // Cognito names the signing key in every token; without a kid any key of the set would be tried.
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new Unauthorized("Unauthorized");
        }
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || !signedByPoolKey(jwt, header)) {
            throw new Unauthorized("Unauthorized");
        }
        // A token that is not valid yet (nbf) or was issued in the future (iat), beyond a small clock skew.
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        if ((claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(latest))
                || (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(latest))) {
            throw new Unauthorized("Unauthorized");
        }
        if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null
                || claims.getAudience().stream().noneMatch(clientIds::contains) || !"id".equals(claim(claims, "token_use"))
                || claims.getSubject() == null || claims.getExpirationTime() == null) {
            throw new Unauthorized("Unauthorized");
        }
        return new Verified(asStrings(claims), claims.getExpirationTime().toInstant());
    }

    private boolean signedByPoolKey(SignedJWT jwt, JWSHeader header) {
        try {
            List<JWK> candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
            for (JWK candidate : candidates) {
                if (candidate instanceof RSAKey rsa && jwt.verify(verifierFor(rsa))) {
                    return true;
                }
            }
            return false;
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    /** Decoding a JWK's modulus is slow (constant-time base64), so each key's verifier is made once. */
    private RSASSAVerifier verifierFor(RSAKey key) {
        return verifiers.computeIfAbsent(key, k -> {
            try {
                return new RSASSAVerifier(k.toRSAPublicKey());
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable RSA key " + k.getKeyID(), e);
            }
        });
    }

    private static String claim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null ? null : String.valueOf(value);
    }

    /** API Gateway passes Cognito claims as strings, dates in the form {@code Thu Nov 27 10:00:00 UTC 2026}. */
    private static Map<String, String> asStrings(JWTClaimsSet claims) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
            Object value = claim.getValue();
            String text;
            if (value instanceof Date date) {
                text = CLAIM_DATE.format(date.toInstant());
            } else if (value instanceof List<?> list && list.size() == 1) {
                text = String.valueOf(list.get(0));
            } else if (claim.getKey().equals("auth_time") && value instanceof Number n) {
                text = CLAIM_DATE.format(Instant.ofEpochSecond(n.longValue()));
            } else {
                text = String.valueOf(value);
            }
            out.put(claim.getKey(), text);
        }
        return out;
    }

    /** The token was refused; the message is what API Gateway answers. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized(String message) {
            super(message);
        }
    }
}
