package dev.ordersprofiles.adapters.aws.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from the container credentials endpoint, as Lambda provides them to SnapStart functions (and ECS to
 * tasks): a GET of AWS_CONTAINER_CREDENTIALS_FULL_URI (or 169.254.170.2 + AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)
 * with the AWS_CONTAINER_AUTHORIZATION_TOKEN (or the contents of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) as
 * Authorization header, answering {@code {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}}. Kept until
 * five minutes before they expire, then fetched again. Thread-safe.
 */
public final class ContainerCredentials implements CredentialsProvider {
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Duration WITHOUT_EXPIRY = Duration.ofMinutes(15);
    private static final String ECS_HOST = "http://169.254.170.2";

    private final URI endpoint;
    private final Optional<String> token;
    private final Optional<Path> tokenFile;
    private final Clock clock;
    private AwsCredentials current;
    private Instant refreshAt = Instant.MIN;
    private Instant expiresAt = Instant.MIN;

    public ContainerCredentials(URI endpoint, Optional<String> token, Optional<Path> tokenFile, Clock clock) {
        this.endpoint = endpoint;
        this.token = token;
        this.tokenFile = tokenFile;
        this.clock = clock;
    }

    static ContainerCredentials fromEnvironment(Map<String, String> env) {
        String full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        URI endpoint = full != null && !full.isBlank()
                ? URI.create(full.strip())
                : URI.create(ECS_HOST + env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").strip());
        Optional<String> token = Optional.ofNullable(env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
                .filter(value -> !value.isBlank());
        Optional<Path> tokenFile = Optional.ofNullable(env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"))
                .filter(value -> !value.isBlank()).map(Path::of);
        return new ContainerCredentials(endpoint, token, tokenFile, Clock.systemUTC());
    }

    /**
     * The cached credentials, fetched again once the refresh time is reached. A refresh that fails while the cached
     * credentials have not expired yet keeps them (the endpoint may be briefly unavailable); the next call tries
     * again.
     */
    @Override
    public synchronized AwsCredentials credentials() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(refreshAt)) {
            try {
                fetch();
            } catch (RuntimeException failed) {
                if (current == null || !now.isBefore(expiresAt)) {
                    throw failed;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void forgetCached() {
        current = null;
        refreshAt = Instant.MIN;
        expiresAt = Instant.MIN;
    }

    /** Whether credentials are cached now (tests). */
    synchronized boolean hasCached() {
        return current != null;
    }

    private void fetch() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            Optional<String> authorization = tokenFile.isPresent()
                    ? Optional.of(Files.readString(tokenFile.get(), StandardCharsets.UTF_8).strip())
                    : token;
            authorization.ifPresent(value -> connection.setRequestProperty("Authorization", value));
            int status = connection.getResponseCode();
            if (status != 200) {
                HttpTransport.drain(connection.getErrorStream());
                throw new IllegalStateException("the container credentials endpoint answered HTTP " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                read(body.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not fetch container credentials", e);
        }
    }

    private void read(byte[] body) throws IOException {
        String keyId = null;
        String secret = null;
        String sessionToken = null;
        String expiration = null;
        try (JsonParser parser = Wire.JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the container credentials endpoint did not answer a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "AccessKeyId" -> keyId = parser.getText();
                    case "SecretAccessKey" -> secret = parser.getText();
                    case "Token" -> sessionToken = parser.getText();
                    case "Expiration" -> expiration = parser.getText();
                    default -> { }
                }
            }
        }
        if (keyId == null || secret == null) {
            throw new IllegalStateException("the container credentials endpoint answered no AccessKeyId/SecretAccessKey");
        }
        current = new AwsCredentials(keyId, secret, Optional.ofNullable(sessionToken));
        refreshAt = refreshTime(expiration);
        expiresAt = expiryTime(expiration);
    }

    private Instant expiryTime(String expiration) {
        try {
            return expiration == null ? refreshAt : Instant.parse(expiration);
        } catch (DateTimeParseException e) {
            return refreshAt;
        }
    }

    private Instant refreshTime(String expiration) {
        Instant now = clock.instant();
        if (expiration == null) {
            return now.plus(WITHOUT_EXPIRY);
        }
        try {
            Instant refresh = Instant.parse(expiration).minus(REFRESH_BEFORE_EXPIRY);
            return refresh.isAfter(now) ? refresh : now;
        } catch (DateTimeParseException e) {
            return now.plus(WITHOUT_EXPIRY);
        }
    }
}
