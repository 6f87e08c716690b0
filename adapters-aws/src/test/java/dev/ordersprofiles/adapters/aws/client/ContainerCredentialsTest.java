package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ordersprofiles.adapters.aws.client.StubServer.Received;
import dev.ordersprofiles.adapters.aws.client.StubServer.Reply;
import dev.ordersprofiles.application.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ContainerCredentials} against a scripted credentials endpoint (as Lambda and ECS serve it). */
class ContainerCredentialsTest {
    private static final Instant NOW = Instant.parse("2024-03-15T10:00:00Z");
    private static final String PATH = "/2021-04-23/credentials";
    private static final String TOKEN = "AbC/dEf+GhI==.jwt-ish token";

    private final StubServer server = new StubServer();
    private final MutableClock clock = new MutableClock(NOW);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        server.close();
    }

    private ContainerCredentials withToken(String token) {
        return new ContainerCredentials(server.uri(PATH), Optional.of(token), Optional.empty(), clock);
    }

    private static Reply credentials(String keyId, String secret, String token, Instant expiration) {
        return Reply.ok("{\"AccessKeyId\":\"" + keyId + "\",\"SecretAccessKey\":\"" + secret + "\",\"Token\":\""
                + token + "\",\"Expiration\":\"" + expiration + "\"}");
    }

    // --- the request

    @Test
    void sends_the_token_from_the_environment_value_exactly() {
        server.then(credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofHours(1))));

        withToken(TOKEN).credentials();

        assertThat(server.received()).hasSize(1);
        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo(PATH);
        assertThat(request.headerValues("Authorization")).containsExactly(TOKEN);
    }

    @Test
    void sends_the_token_from_the_token_file_read_again_on_each_fetch() throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("token"), "file-token-1\n");
        server.then(credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofHours(1))),
                credentials("ASIA2", "secret2", "session2", NOW.plus(Duration.ofHours(2))));
        ContainerCredentials provider = new ContainerCredentials(server.uri(PATH), Optional.empty(),
                Optional.of(tokenFile), clock);

        provider.credentials();
        Files.writeString(tokenFile, "file-token-2");
        clock.advance(Duration.ofMinutes(56));
        AwsCredentials refreshed = provider.credentials();

        assertThat(server.received()).extracting(request -> request.header("Authorization"))
                .containsExactly("file-token-1", "file-token-2");
        assertThat(refreshed.accessKeyId()).isEqualTo("ASIA2");
    }

    @Test
    void sends_no_authorization_without_a_token() {
        server.then(credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofHours(1))));

        new ContainerCredentials(server.uri(PATH), Optional.empty(), Optional.empty(), clock).credentials();

        assertThat(server.received().get(0).header("Authorization")).isNull();
    }

    @Test
    void fails_clearly_when_the_token_file_is_missing() {
        ContainerCredentials provider = new ContainerCredentials(server.uri(PATH), Optional.empty(),
                Optional.of(dir.resolve("absent")), clock);

        assertThatThrownBy(provider::credentials).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("container credentials");
        assertThat(server.requestCount()).isZero();
    }

    // --- the answer

    @Test
    void reads_the_keys_and_token_and_ignores_the_other_fields() {
        server.then(Reply.ok("""
                {
                  "Code": "Success",
                  "LastUpdated": "2024-03-15T09:59:00Z",
                  "Type": "AWS-HMAC",
                  "AccessKeyId": "ASIAXAMPLEKEY",
                  "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
                  "Token": "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+==",
                  "Expiration": "2024-03-15T16:00:00Z",
                  "RoleArn": "arn:aws:iam::123456789012:role/orders",
                  "AccountId": "123456789012",
                  "Nested": {"AccessKeyId": "WRONG", "list": [1, {"SecretAccessKey": "WRONG"}]},
                  "Number": 42, "Flag": true, "Nothing": null
                }
                """));

        AwsCredentials credentials = withToken(TOKEN).credentials();

        assertThat(credentials).isEqualTo(new AwsCredentials("ASIAXAMPLEKEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
                Optional.of("IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+==")));
    }

    @Test
    void credentials_without_a_token_have_none() {
        server.then(Reply.ok("{\"AccessKeyId\":\"AKIA1\",\"SecretAccessKey\":\"s\",\"Expiration\":\""
                + NOW.plus(Duration.ofHours(1)) + "\"}"));

        assertThat(withToken(TOKEN).credentials().sessionToken()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"SecretAccessKey\":\"s\",\"Token\":\"t\"}", "{\"AccessKeyId\":\"a\",\"Token\":\"t\"}",
            "[]", "{}"})
    void refuses_an_answer_without_keys(String body) {
        server.always(Reply.ok(body));

        assertThatThrownBy(() -> withToken(TOKEN).credentials()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("container credentials endpoint");
    }

    @Test
    void refuses_an_answer_that_is_not_json() {
        server.always(new Reply(200, Map.of("Content-Type", "text/html"),
                "<html>hello</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> withToken(TOKEN).credentials()).isInstanceOf(RuntimeException.class);
    }

    // --- caching and refresh

    @Test
    void keeps_the_credentials_without_asking_again() {
        server.then(credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofHours(6))));
        ContainerCredentials provider = withToken(TOKEN);

        AwsCredentials first = provider.credentials();
        clock.advance(Duration.ofHours(1));
        AwsCredentials second = provider.credentials();
        AwsCredentials third = provider.credentials();

        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(second).isSameAs(first).isSameAs(third);
    }

    @Test
    void forgets_the_cached_credentials_after_a_restore_and_fetches_them_anew() {
        server.then(credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofHours(6))));
        server.then(credentials("ASIA2", "secret2", "session2", NOW.plus(Duration.ofHours(6))));
        ContainerCredentials provider = withToken(TOKEN);
        AwsCredentials before = provider.credentials();
        assertThat(provider.hasCached()).isTrue();

        provider.forgetCached();

        assertThat(provider.hasCached()).isFalse();
        assertThat(server.requestCount()).isEqualTo(1);
        AwsCredentials after = provider.credentials();
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(before.accessKeyId()).isEqualTo("ASIA1");
        assertThat(after.accessKeyId()).isEqualTo("ASIA2");
    }

    @Test
    void fetches_again_five_minutes_before_they_expire() {
        Instant expiration = NOW.plus(Duration.ofHours(1));
        server.then(credentials("ASIA1", "secret1", "session1", expiration),
                credentials("ASIA2", "secret2", "session2", expiration.plus(Duration.ofHours(1))));
        ContainerCredentials provider = withToken(TOKEN);
        provider.credentials();

        clock.set(expiration.minus(Duration.ofMinutes(5)).minusMillis(1));
        assertThat(provider.credentials().accessKeyId()).isEqualTo("ASIA1");
        assertThat(server.requestCount()).isEqualTo(1);

        clock.set(expiration.minus(Duration.ofMinutes(5)));
        assertThat(provider.credentials()).isEqualTo(
                new AwsCredentials("ASIA2", "secret2", Optional.of("session2")));
        assertThat(server.requestCount()).isEqualTo(2);

        clock.set(expiration.plus(Duration.ofMinutes(54)));
        assertThat(provider.credentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void fetches_again_on_every_call_while_the_endpoint_answers_credentials_about_to_expire() {
        server.then(credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofMinutes(3))),
                credentials("ASIA2", "secret2", "session2", NOW.plus(Duration.ofHours(1))));
        ContainerCredentials provider = withToken(TOKEN);

        assertThat(provider.credentials().accessKeyId()).isEqualTo("ASIA1");
        assertThat(provider.credentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(provider.credentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-15T10:10:00Z", "2024-03-15T10:10:00.000Z", "2024-03-15T10:10:00+00:00",
            "2024-03-15T11:10:00+01:00"})
    void reads_the_expiration_in_its_iso_forms(String expiration) {
        server.always(Reply.ok("{\"AccessKeyId\":\"ASIA1\",\"SecretAccessKey\":\"s\",\"Token\":\"t\",\"Expiration\":\""
                + expiration + "\"}"));
        ContainerCredentials provider = withToken(TOKEN);
        provider.credentials();

        clock.set(Instant.parse("2024-03-15T10:04:59Z"));
        provider.credentials();
        assertThat(server.requestCount()).as("before the refresh time").isEqualTo(1);

        clock.set(Instant.parse("2024-03-15T10:05:00Z"));
        provider.credentials();
        assertThat(server.requestCount()).as("at the refresh time").isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"s\"}",
            "{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"s\",\"Expiration\":\"tomorrow\"}"})
    void keeps_credentials_without_a_readable_expiration_for_a_while_only(String body) {
        server.always(Reply.ok(body));
        ContainerCredentials provider = withToken(TOKEN);
        provider.credentials();

        clock.advance(Duration.ofMinutes(1));
        provider.credentials();
        assertThat(server.requestCount()).isEqualTo(1);

        clock.advance(Duration.ofHours(1));
        provider.credentials();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void threads_asking_at_once_cause_one_fetch() throws Exception {
        server.always(credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofHours(1))));
        ContainerCredentials provider = withToken(TOKEN);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AwsCredentials>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return provider.credentials();
                }));
            }
            start.countDown();
            for (Future<AwsCredentials> answer : answers) {
                assertThat(answer.get().accessKeyId()).isEqualTo("ASIA1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requestCount()).isEqualTo(1);
    }

    // --- failures

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 500, 503})
    void an_error_status_is_reported_with_the_status(int status) {
        server.then(Reply.json(status, "{\"message\":\"no\"}"),
                credentials("ASIA1", "secret1", "session1", NOW.plus(Duration.ofHours(1))));
        ContainerCredentials provider = withToken(TOKEN);

        Throwable error = catchThrowable(provider::credentials);

        assertThat(error).isInstanceOf(IllegalStateException.class).hasMessageContaining("HTTP " + status);
        assertThat(error.getMessage()).doesNotContain(TOKEN);
        assertThat(provider.credentials().accessKeyId()).as("the failure is not kept").isEqualTo("ASIA1");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void an_unreachable_endpoint_is_an_io_error() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ContainerCredentials provider = new ContainerCredentials(
                URI.create("http://127.0.0.1:" + closedPort + PATH), Optional.of(TOKEN), Optional.empty(), clock);

        assertThatThrownBy(provider::credentials).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("container credentials");
    }

    /**
     * Credentials fetched again five minutes early are still good for those five minutes: a refresh that fails
     * then (the endpoint briefly unavailable) should not fail the call, as the AWS SDK's cached provider does not.
     */
    @Test
    void a_failed_early_refresh_answers_the_credentials_still_valid() {
        Instant expiration = NOW.plus(Duration.ofHours(1));
        server.then(credentials("ASIA1", "secret1", "session1", expiration), Reply.json(500, "{}"));
        ContainerCredentials provider = withToken(TOKEN);
        provider.credentials();

        clock.set(expiration.minus(Duration.ofMinutes(4)));

        assertThat(provider.credentials().accessKeyId()).isEqualTo("ASIA1");
        assertThat(server.requestCount()).isEqualTo(2);
    }
}
