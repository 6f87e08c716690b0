package dev.ordersprofiles.bench;

import dev.ordersprofiles.adapters.aws.AwsClients;
import dev.ordersprofiles.adapters.aws.dynamodb.TableDefinitions;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Creates the three tables named by ORDERS_TABLE, PROFILES_TABLE, IDEMPOTENCY_TABLE at DYNAMODB_ENDPOINT. */
public final class BenchSetup {
    private BenchSetup() {
    }

    public static void main(String[] args) {
        var env = System.getenv();
        TableNames names = new TableNames(env.get("ORDERS_TABLE"), env.get("PROFILES_TABLE"),
                env.get("IDEMPOTENCY_TABLE"));
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(env.getOrDefault("AWS_REGION", "us-east-1"),
                Optional.of(URI.create(env.get("DYNAMODB_ENDPOINT"))),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))) {
            List<String> created = TableDefinitions.createMissing(dynamo, names);
            System.err.println("[bench] tables created: " + created);
        }
    }
}
