package dev.ordersprofiles.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AwsAdapters#afterRestore()} (SnapStart): the provider forgets its credentials, once per holder. */
class AwsAdaptersRestoreTest {
    private int forgotten;
    private final CredentialsProvider counting = new CredentialsProvider() {
        @Override
        public AwsCredentials credentials() {
            return new AwsCredentials("AKID", "secret", Optional.empty());
        }

        @Override
        public void forgetCached() {
            forgotten++;
        }
    };

    private AwsAdapters adapters() {
        AwsSettings settings = new AwsSettings("us-east-1", new TableNames("orders", "profiles", "idempotency"),
                Optional.empty(), Optional.of(URI.create("http://127.0.0.1:9")), Optional.empty(), 8,
                Duration.ofDays(30), Duration.ofHours(1));
        return AwsAdapters.fromSettings(settings, counting, Clock.systemUTC());
    }

    @Test
    void without_a_built_client_only_the_provider_forgets() {
        adapters().afterRestore();

        assertThat(forgotten).isEqualTo(1);
    }

    @Test
    void a_built_client_forgets_too() {
        AwsAdapters adapters = adapters();
        adapters.dynamoDb();

        adapters.afterRestore();

        assertThat(forgotten).isEqualTo(2); // the adapters' provider, and the DynamoDB client's (the same one)
    }
}
