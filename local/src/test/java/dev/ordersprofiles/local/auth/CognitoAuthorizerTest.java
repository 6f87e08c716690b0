package dev.ordersprofiles.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CognitoAuthorizerTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** One key pair for the class: RSA key generation is slow. */
    @TempDir
    static Path data;
    private LocalIssuer issuer;
    private CognitoAuthorizer authorizer;

    @BeforeEach
    void setUp() {
        issuer = LocalIssuer.inFolder(data, clock);
        authorizer = CognitoAuthorizer.forLocal(issuer, clock);
    }

    @Test
    void a_local_id_token_is_accepted_raw_or_as_bearer_with_string_claims() {
        String token = issuer.idToken("alice", "alice@example.com");

        Map<String, String> claims = authorizer.authorize(token);

        assertThat(authorizer.authorize("Bearer " + token)).isEqualTo(claims);
        assertThat(claims).containsEntry("sub", LocalIssuer.subjectOf("alice"))
                .containsEntry("email", "alice@example.com").containsEntry("cognito:username", "alice")
                .containsEntry("token_use", "id").containsEntry("email_verified", "true")
                .containsEntry("aud", LocalIssuer.CLIENT_ID).containsEntry("iss", LocalIssuer.ISSUER)
                .containsEntry("exp", "Fri Nov 27 11:00:00 UTC 2026");
    }

    @Test
    void the_same_username_keeps_its_sub_and_the_key_survives_a_restart() {
        String token = issuer.idToken("alice", "a@x.io");
        CognitoAuthorizer afterRestart = CognitoAuthorizer.forLocal(LocalIssuer.inFolder(data, clock), clock);

        assertThat(afterRestart.authorize(token).get("sub")).isEqualTo(LocalIssuer.subjectOf("alice"));
        assertThat(LocalIssuer.subjectOf("alice")).isNotEqualTo(LocalIssuer.subjectOf("bob"));
    }

    @Test
    void missing_or_garbage_tokens_are_unauthorized() {
        assertRefused(null, "Unauthorized");
        assertRefused("", "Unauthorized");
        assertRefused("Bearer ", "Unauthorized");
        assertRefused("not.a.jwt", "Unauthorized");
        String token = issuer.idToken("alice", "a@x.io");
        assertRefused(withSignatureAltered(token), "Unauthorized");
    }

    @Test
    void alg_none_is_refused() {
        PlainJWT unsigned = new PlainJWT(new PlainHeader(), claims().build());

        assertRefused(unsigned.serialize(), "Unauthorized");
    }

    @Test
    void an_hmac_token_keyed_with_the_public_key_is_refused() throws Exception {
        byte[] publicKeyBytes = issuer.publicKeys().getKeys().get(0).toRSAKey().toRSAPublicKey().getEncoded();
        byte[] secret = new byte[Math.max(32, publicKeyBytes.length)];
        System.arraycopy(publicKeyBytes, 0, secret, 0, publicKeyBytes.length);
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        forged.sign(new MACSigner(secret));

        assertRefused(forged.serialize(), "Unauthorized");
    }

    @Test
    void a_token_signed_by_another_key_is_refused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(
                issuer.publicKeys().getKeys().get(0).getKeyID()).generate();

        assertRefused(sign(stranger, claims().build()), "Unauthorized");
    }

    @Test
    void wrong_issuer_audience_or_token_use_is_refused() throws Exception {
        RSAKey own = RSAKey.parse(java.nio.file.Files.readString(data.resolve("issuer-key.jwk.json"),
                StandardCharsets.UTF_8));

        assertThat(authorizer.authorize(sign(own, claims().build()))).containsKey("sub");
        assertRefused(sign(own, claims().issuer("https://evil.example").build()), "Unauthorized");
        assertRefused(sign(own, claims().audience("other-client").build()), "Unauthorized");
        assertRefused(sign(own, claims().claim("token_use", "access").build()), "Unauthorized");
        assertRefused(sign(own, claims().expirationTime(null).build()), "Unauthorized");
    }

    @Test
    void a_token_without_a_key_id_is_refused() throws Exception {
        RSAKey own = RSAKey.parse(java.nio.file.Files.readString(data.resolve("issuer-key.jwk.json"),
                StandardCharsets.UTF_8));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims().build());
        jwt.sign(new RSASSASigner(own));
        SignedJWT blank = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(" ").build(), claims().build());
        blank.sign(new RSASSASigner(own));

        assertRefused(jwt.serialize(), "Unauthorized");
        assertRefused(blank.serialize(), "Unauthorized");
    }

    @Test
    void a_token_not_valid_yet_or_issued_in_the_future_is_refused_beyond_the_skew() throws Exception {
        RSAKey own = RSAKey.parse(java.nio.file.Files.readString(data.resolve("issuer-key.jwk.json"),
                StandardCharsets.UTF_8));
        Date beyond = Date.from(NOW.plus(CognitoAuthorizer.CLOCK_SKEW).plusSeconds(1));
        Date within = Date.from(NOW.plus(CognitoAuthorizer.CLOCK_SKEW).minusSeconds(1));

        assertRefused(sign(own, claims().notBeforeTime(beyond).build()), "Unauthorized");
        assertRefused(sign(own, claims().issueTime(beyond).build()), "Unauthorized");
        assertThat(authorizer.authorize(sign(own, claims().notBeforeTime(within).issueTime(within).build())))
                .containsKey("sub");
        assertThat(authorizer.authorize(sign(own, claims().notBeforeTime(Date.from(NOW)).issueTime(Date.from(NOW))
                .build()))).containsKey("sub");
    }

    @Test
    void an_expired_token_says_so() {
        String token = issuer.idToken("alice", "a@x.io");
        CognitoAuthorizer later = CognitoAuthorizer.forLocal(issuer,
                Clock.fixed(NOW.plus(LocalIssuer.TOKEN_LIFETIME), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.authorize(token)).isInstanceOf(CognitoAuthorizer.Unauthorized.class)
                .hasMessage("The incoming token has expired");
    }

    @Test
    void a_remembered_token_still_expires_on_time() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        CognitoAuthorizer remembering = CognitoAuthorizer.forLocal(issuer, moving);
        String token = issuer.idToken("alice", "a@x.io");

        assertThat(remembering.authorize(token)).containsKey("sub");
        assertThat(remembering.authorize("Bearer " + token)).containsKey("sub");
        now[0] = NOW.plus(LocalIssuer.TOKEN_LIFETIME);
        assertThatThrownBy(() -> remembering.authorize(token)).hasMessage("The incoming token has expired");
    }

    @Test
    void remembered_tokens_are_bounded_and_a_forgotten_one_is_verified_again() {
        CognitoAuthorizer small = new CognitoAuthorizer((selector, context) -> selector.select(issuer.publicKeys()),
                LocalIssuer.ISSUER, LocalIssuer.CLIENT_ID, clock, 2);
        String first = issuer.idToken("first", "f@x.io");
        String second = issuer.idToken("second", "s@x.io");
        String third = issuer.idToken("third", "t@x.io");

        small.authorize(first);
        small.authorize(second);
        small.authorize("Bearer " + second);
        assertThat(small.remembered()).isEqualTo(2);
        small.authorize(third);
        assertThat(small.remembered()).isEqualTo(2);

        assertThat(small.authorize(first)).containsEntry("sub", LocalIssuer.subjectOf("first"));
        assertThat(small.remembered()).isEqualTo(2);
        assertThatThrownBy(() -> small.authorize(withSignatureAltered(first)))
                .isInstanceOf(CognitoAuthorizer.Unauthorized.class);
    }

    @Test
    void a_user_pool_id_is_checked_and_gives_the_pools_issuer() {
        assertThat(CognitoAuthorizer.forUserPool("eu-west-1_AbC123", "client", clock).issuer())
                .isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123");
        assertThatThrownBy(() -> CognitoAuthorizer.forUserPool("not-a-pool", "client", clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The token with one character in the middle of its signature changed. Not the last characters: base64url's
     * final character carries padding bits a decoder ignores, so changing it can leave the signature's bytes as
     * they were.
     */
    private static String withSignatureAltered(String token) {
        int at = token.lastIndexOf('.') + 10;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    private void assertRefused(String header, String message) {
        assertThatThrownBy(() -> authorizer.authorize(header)).isInstanceOf(CognitoAuthorizer.Unauthorized.class)
                .hasMessage(message);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("s-1").issuer(LocalIssuer.ISSUER).audience(LocalIssuer.CLIENT_ID)
                .claim("token_use", "id").expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
