package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ordersprofiles.adapters.aws.client.StubServer.Received;
import dev.ordersprofiles.adapters.aws.client.StubServer.Reply;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AwsJsonClient} over HTTPS, as it speaks to AWS: a TLS endpoint on 127.0.0.1 with a certificate made for
 * this run (keytool, SAN IP 127.0.0.1), trusted through the JVM's default socket factory, which is what the client's
 * {@code HttpURLConnection} uses. The request arrives signed exactly as the SDK's signer would sign it, connections
 * are kept alive across calls, and an endpoint whose certificate is not trusted is a connection failure.
 */
class AwsJsonClientHttpsTest {
    private static final String REGION = "eu-west-1";
    private static final AwsCredentials CREDENTIALS = new AwsCredentials("ASIACLIENTTEST",
            "client/test+secret0123456789abcdefghijkl", Optional.of("session-token-for-the-https-test=="));
    private static final Instant NOW = Instant.parse("2024-03-15T10:20:30Z");
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static SSLContext serverTls;
    private static SSLSocketFactory originalDefault;
    private StubServer server;

    /** A key pair and self-signed certificate for 127.0.0.1, made by the JDK's keytool, valid two days. */
    private static KeyStore generate(Path dir, String alias) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        KeyStore keys = generate(dir, "endpoint");
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("endpoint", keys.getCertificate("endpoint"));
        originalDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(clientTls(trusted).getSocketFactory());
    }

    @AfterAll
    static void restore() {
        if (originalDefault != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(originalDefault);
        }
    }

    private static SSLContext clientTls(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AwsJsonClient client() {
        return new AwsJsonClient(AwsService.DYNAMODB, REGION, server.uri(""), CredentialsProvider.fixed(CREDENTIALS),
                FAST, Clock.fixed(NOW, ZoneOffset.UTC), AwsJsonClient.CallListener.NONE);
    }

    @Test
    void a_call_over_tls_arrives_signed_as_the_sdk_signs_it_and_answers_the_body() {
        server = new StubServer(serverTls).always(Reply.ok("{\"Item\":{\"pk\":{\"S\":\"a\"}}}").withCrc32());
        byte[] body = "{\"TableName\":\"orders\",\"Key\":{\"pk\":{\"S\":\"a\"}}}".getBytes(StandardCharsets.UTF_8);

        byte[] answer = client().call("GetItem", body);

        assertThat(server.uri("").getScheme()).isEqualTo("https");
        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{\"Item\":{\"pk\":{\"S\":\"a\"}}}");
        Received request = server.received().get(0);
        assertThat(request.body()).isEqualTo(body);
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(request.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.GetItem");
        assertThat(request.header("Authorization"))
                .isEqualTo(AwsJsonClientTest.expectedAuthorization(request, CREDENTIALS, "dynamodb"));
    }

    @Test
    void tls_connections_are_kept_alive_across_calls() {
        server = new StubServer(serverTls).always(Reply.ok("{}"));
        AwsJsonClient client = client();

        for (int i = 0; i < 10; i++) {
            client.call("GetItem", ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }

        Set<Integer> ports = server.received().stream().map(Received::remotePort).collect(Collectors.toSet());
        assertThat(server.requestCount()).isEqualTo(10);
        assertThat(ports).hasSize(1);
    }

    @Test
    void a_server_error_over_tls_is_retried_then_dependency_unavailable() {
        server = new StubServer(serverTls).always(Reply.json(503, "{\"__type\":\"ServiceUnavailable\"}"));

        DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                () -> client().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(error.getCause()).isInstanceOf(AwsServiceException.class);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void an_endpoint_whose_certificate_is_not_trusted_never_gets_the_request() {
        server = new StubServer(serverTls).always(Reply.ok("{}"));
        SSLSocketFactory trusting = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(originalDefault); // the JVM's own trust store: not ours
        try {
            DependencyUnavailable error = catchThrowableOfType(DependencyUnavailable.class,
                    () -> client().call("GetItem", "{}".getBytes(StandardCharsets.UTF_8)));

            assertThat(error.getCause()).isInstanceOf(SSLHandshakeException.class);
            assertThat(server.requestCount()).isZero();
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(trusting);
        }
    }
}
