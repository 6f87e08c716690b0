package dev.ordersprofiles.bench;

import dev.ordersprofiles.adapters.inmemory.InMemoryIdempotencyStore;
import dev.ordersprofiles.adapters.inmemory.InMemoryOrderRepository;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import dev.ordersprofiles.handlers.wiring.Ports;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The functions' component with the profiles port on the AWS SDK v2, built as the SDK's guide "Reduce SDK startup
 * time for AWS Lambda" says: the URLConnection HTTP client (the Apache and Netty clients excluded from the
 * classpath), the region and a credentials provider given explicitly (no provider chain, no region lookup), the
 * client built once in the init phase. The endpoint is AWS_ENDPOINT_URL_DYNAMODB (dynalite). Everything else is the
 * functions' own code (handlers, use cases), so the two variants differ in the DynamoDB client alone.
 */
final class SdkWiring {
    private SdkWiring() {
    }

    static OrdersComponent component() {
        HandlerConfig config = HandlerConfig.fromEnv();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))));
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        Ports ports = new Ports(new InMemoryOrderRepository(config.orderStuckAfter()),
                new SdkProfileRepository(builder.build(), config.profilesTable().orElseThrow()),
                new InMemoryIdempotencyStore(clock),
                orderId -> {
                    throw new IllegalStateException("the SDK variant starts no workflow");
                },
                SimulatedInventory.fromConfig(config.simStock()), SimulatedPayments.fromConfig(config.simDeclineAbove()),
                new UuidIds());
        return Components.withPorts(config, clock, ports);
    }
}
