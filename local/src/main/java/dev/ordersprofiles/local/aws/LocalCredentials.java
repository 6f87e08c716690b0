package dev.ordersprofiles.local.aws;

/**
 * The one key pair the stack's AWS-protocol APIs accept: by default access key id {@code local}, secret
 * {@code local} (any region), what the README's {@code aws configure --profile local} recipe sets.
 */
public record LocalCredentials(String accessKeyId, String secretAccessKey) {
    public static final LocalCredentials DEFAULT = new LocalCredentials("local", "local");

    public LocalCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("the access key id and the secret access key must not be empty");
        }
    }

    @Override
    public String toString() {
        return "LocalCredentials[" + accessKeyId + ", secret hidden]";
    }
}
