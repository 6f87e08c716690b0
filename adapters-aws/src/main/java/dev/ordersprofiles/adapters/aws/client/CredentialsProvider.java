package dev.ordersprofiles.adapters.aws.client;

import java.util.Map;
import java.util.Optional;

/**
 * Where the credentials that sign each request come from. {@link #fromEnvironment} is what a Lambda function
 * needs: the access key variables Lambda sets for an ordinary function, or, where those are absent, the container
 * credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN), which is what
 * Lambda offers to SnapStart functions instead of the access key variables.
 */
@FunctionalInterface
public interface CredentialsProvider {
    /**
     * The credentials to sign the next request with; may fetch or refresh them.
     *
     * @throws IllegalStateException when there are none
     */
    AwsCredentials credentials();

    /**
     * Forgets any credentials fetched so far, so that the next request fetches them anew: what a process restored
     * from a snapshot (Lambda SnapStart) must do, since cached credentials may have expired or belong to the
     * snapshot's execution environment. Nothing to forget for fixed credentials.
     */
    default void forgetCached() {
    }

    static CredentialsProvider fixed(AwsCredentials credentials) {
        return () -> credentials;
    }

    /**
     * Chosen from {@code env} (pass {@code System.getenv()}) when called; container credentials are then fetched on
     * the first request.
     */
    static CredentialsProvider fromEnvironment(Map<String, String> env) {
        Optional<String> keyId = present(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = present(env, "AWS_SECRET_ACCESS_KEY");
        if (keyId.isPresent() && secret.isPresent()) {
            return fixed(new AwsCredentials(keyId.get(), secret.get(), present(env, "AWS_SESSION_TOKEN")));
        }
        if (present(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()
                || present(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").isPresent()) {
            return ContainerCredentials.fromEnvironment(env);
        }
        return () -> {
            throw new IllegalStateException("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                    + "(Lambda does) or AWS_CONTAINER_CREDENTIALS_FULL_URI (Lambda SnapStart does)");
        };
    }

    private static Optional<String> present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
