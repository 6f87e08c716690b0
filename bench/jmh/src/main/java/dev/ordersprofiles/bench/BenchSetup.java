package dev.ordersprofiles.bench;

import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.dynamodb.TableDefinitions;
import java.time.Clock;
import java.util.List;

/** Creates the three tables named by ORDERS_TABLE, PROFILES_TABLE, IDEMPOTENCY_TABLE at AWS_ENDPOINT_URL_DYNAMODB. */
public final class BenchSetup {
    private BenchSetup() {
    }

    public static void main(String[] args) {
        AwsSettings settings = AwsSettings.fromEnvironment(System.getenv());
        AwsAdapters aws = AwsAdapters.fromSettings(settings,
                CredentialsProvider.fixed(AwsCredentials.of("bench", "bench")), Clock.systemUTC());
        List<String> created = TableDefinitions.createMissing(aws.dynamoDb(), settings.tables());
        System.err.println("[bench] tables created: " + created);
    }
}
