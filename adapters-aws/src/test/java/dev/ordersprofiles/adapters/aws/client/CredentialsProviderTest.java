package dev.ordersprofiles.adapters.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.adapters.aws.client.StubServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CredentialsProvider#fromEnvironment} and {@link AwsCredentials}. */
class CredentialsProviderTest {
    private static final String PATH = "/2021-04-23/credentials";

    private final StubServer server = new StubServer()
            .always(Reply.ok("{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"container-secret\","
                    + "\"Token\":\"container-token\",\"Expiration\":\""
                    + Instant.now().plus(Duration.ofHours(6)) + "\"}"));

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> containerEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.uri(PATH).toString());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-authorization");
        return env;
    }

    // --- fromEnvironment

    @Test
    void the_access_key_variables_win_over_the_container_endpoint() {
        Map<String, String> env = containerEnv();
        env.put("AWS_ACCESS_KEY_ID", "ASIAENV");
        env.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        env.put("AWS_SESSION_TOKEN", "env-token");

        AwsCredentials credentials = CredentialsProvider.fromEnvironment(env).credentials();

        assertThat(credentials).isEqualTo(new AwsCredentials("ASIAENV", "env-secret", Optional.of("env-token")));
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void access_keys_without_a_session_token_have_none() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret",
                "AWS_SESSION_TOKEN", "  ");

        assertThat(CredentialsProvider.fromEnvironment(env).credentials())
                .isEqualTo(AwsCredentials.of("AKIAENV", "env-secret"));
    }

    @Test
    void the_variables_are_stripped() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", " AKIAENV\n", "AWS_SECRET_ACCESS_KEY", "\tenv-secret ",
                "AWS_SESSION_TOKEN", " env-token ");

        assertThat(CredentialsProvider.fromEnvironment(env).credentials())
                .isEqualTo(new AwsCredentials("AKIAENV", "env-secret", Optional.of("env-token")));
    }

    @Test
    void the_container_endpoint_serves_when_the_access_keys_are_absent() {
        AwsCredentials credentials = CredentialsProvider.fromEnvironment(containerEnv()).credentials();

        assertThat(credentials).isEqualTo(new AwsCredentials("ASIACONTAINER", "container-secret",
                Optional.of("container-token")));
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(server.received().get(0).path()).isEqualTo(PATH);
        assertThat(server.received().get(0).header("Authorization")).isEqualTo("container-authorization");
    }

    @Test
    void the_container_endpoint_serves_when_an_access_key_is_only_half_there() {
        Map<String, String> env = containerEnv();
        env.put("AWS_ACCESS_KEY_ID", "AKIAHALF");
        env.put("AWS_SECRET_ACCESS_KEY", " ");

        assertThat(CredentialsProvider.fromEnvironment(env).credentials().accessKeyId()).isEqualTo("ASIACONTAINER");
    }

    @Test
    void the_container_endpoint_with_a_token_file() throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("token"), "token-from-file\n");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", " " + server.uri(PATH) + " ");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString());

        assertThat(CredentialsProvider.fromEnvironment(env).credentials().accessKeyId()).isEqualTo("ASIACONTAINER");
        assertThat(server.received().get(0).header("Authorization")).isEqualTo("token-from-file");
    }

    @Test
    void the_container_credentials_are_kept_between_calls() {
        CredentialsProvider provider = CredentialsProvider.fromEnvironment(containerEnv());

        provider.credentials();
        provider.credentials();
        provider.credentials();

        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void without_keys_or_endpoint_the_first_request_fails_clearly() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIAHALF",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "   ");

        CredentialsProvider provider = CredentialsProvider.fromEnvironment(env);

        assertThatThrownBy(provider::credentials).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no AWS credentials")
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    }

    @Test
    void an_empty_environment_does_not_fail_before_the_first_request() {
        assertThatCode(() -> CredentialsProvider.fromEnvironment(Map.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> CredentialsProvider.fromEnvironment(Map.of()).credentials())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fixed_answers_what_it_was_given() {
        AwsCredentials credentials = AwsCredentials.of("AKIA", "secret");

        assertThat(CredentialsProvider.fixed(credentials).credentials()).isSameAs(credentials);
    }

    // --- AwsCredentials

    @Test
    void to_string_never_shows_the_secret_or_the_token() {
        AwsCredentials credentials = new AwsCredentials("ASIAVISIBLE", "sup3r/s3cret+key", Optional.of("t0k3n=="));

        assertThat(credentials.toString()).contains("ASIAVISIBLE").doesNotContain("sup3r").doesNotContain("s3cret")
                .doesNotContain("t0k3n");
        assertThat(String.valueOf(Optional.of(credentials))).doesNotContain("s3cret").doesNotContain("t0k3n");
        assertThat(AwsCredentials.of("AKIA", "another-secret").toString()).doesNotContain("another-secret");
    }

    @Test
    void a_null_session_token_means_none() {
        assertThat(new AwsCredentials("AKIA", "secret", null).sessionToken()).isEmpty();
    }

    @Test
    void refuses_missing_or_blank_keys() {
        assertThatThrownBy(() -> AwsCredentials.of(" ", "secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AwsCredentials.of("AKIA", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AwsCredentials.of(null, "secret")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AwsCredentials.of("AKIA", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_blank_key_error_does_not_show_the_secret() {
        assertThatThrownBy(() -> AwsCredentials.of(" ", "visible-secret")).hasMessageNotContaining("visible-secret");
    }
}
