package dev.ordersprofiles.adapters.aws.client;

import java.util.Objects;
import java.util.Optional;

/** One set of AWS credentials; the session token is present for temporary (role) credentials, as on Lambda. */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        sessionToken = sessionToken == null ? Optional.empty() : sessionToken;
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("access key id and secret access key must not be blank");
        }
    }

    /** Long-term (or dummy, for dynalite) credentials without a session token. */
    public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
        return new AwsCredentials(accessKeyId, secretAccessKey, Optional.empty());
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId + ", secret and token redacted]";
    }
}
