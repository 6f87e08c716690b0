package dev.ordersprofiles.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The local stand-in for a Cognito user pool: an RSA key pair kept in the data folder (made on first start), its
 * JWKS, and ID tokens shaped like Cognito's for any username. The same username always gets the same {@code sub}.
 */
public final class LocalIssuer {
    public static final String USER_POOL_ID = "us-east-1_localpool";
    public static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + USER_POOL_ID;
    public static final String CLIENT_ID = "localclient0000000000000000";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final RSAKey key;
    private final Clock clock;
    private final Set<String> clientIds;

    private LocalIssuer(RSAKey key, Clock clock, Set<String> clientIds) {
        this.key = key;
        this.clock = clock;
        this.clientIds = clientIds;
    }

    /** Loads the key pair from {@code dataDir}, or makes and stores one there. */
    public static LocalIssuer inFolder(Path dataDir, Clock clock) {
        return inFolder(dataDir, clock, List.of());
    }

    /**
     * Loads the key pair from {@code dataDir}, or makes and stores one there; the pool's app clients are
     * {@link #CLIENT_ID} (the scripting client of {@code /_local/token}) and {@code appClientIds} (the template's).
     */
    public static LocalIssuer inFolder(Path dataDir, Clock clock, List<String> appClientIds) {
        Set<String> clients = new LinkedHashSet<>();
        clients.add(CLIENT_ID);
        clients.addAll(appClientIds);
        return inFolder(dataDir, clock, Set.copyOf(clients));
    }

    private static LocalIssuer inFolder(Path dataDir, Clock clock, Set<String> clientIds) {
        Path file = dataDir.resolve("issuer-key.jwk.json");
        try {
            if (Files.exists(file)) {
                return new LocalIssuer(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)), clock, clientIds);
            }
            Files.createDirectories(dataDir);
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
            Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own permissions apply.
            }
            return new LocalIssuer(key, clock, clientIds);
        } catch (IOException | ParseException | JOSEException e) {
            throw new IllegalStateException("cannot load or create the local issuer key in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The public keys, as served at the JWKS URL. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The app clients whose tokens this pool issues (the authorizer accepts any of them as audience). */
    public Set<String> clientIds() {
        return clientIds;
    }

    /** The claims signed with the pool's key (RS256, its key id in the header), as a compact JWT. */
    public String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a token this pool signed, when its signature (RS256, the pool's key) is good; expiry and use
     * are for the caller to check.
     */
    public Optional<JWTClaimsSet> verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !key.getKeyID().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An ID token for {@code username}, shaped as Cognito issues them. */
    public String idToken(String username, String email) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subjectOf(username))
                .claim("email_verified", true)
                .issuer(ISSUER)
                .claim("cognito:username", username)
                .claim("origin_jti", UUID.randomUUID().toString())
                .audience(CLIENT_ID)
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", email)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /** The stable subject of a local username (a name-based UUID, as Cognito subs are UUIDs). */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("local-user:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
