package dev.ordersprofiles.handlers.wiring;

import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsService;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.client.RetryPolicy;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDb;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbOrderRepository;
import dev.ordersprofiles.adapters.inmemory.InMemoryIdempotencyStore;
import dev.ordersprofiles.adapters.inmemory.InMemoryProfileRepository;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The wiring side of SnapStart priming (workflow/ChargePaymentSnapStart, docs/performance.md "SnapStart priming"):
 * a component for a synthetic invocation that touches nothing real, and what a restored process must refresh.
 */
public final class SnapStartPriming {
    private SnapStartPriming() {
    }

    /**
     * A component whose order repository is the DynamoDB adapter of the functions, on our own AWS client, but
     * pointed at a loopback port that was just closed (so every call fails at connect, before anything is sent),
     * with fixed dummy credentials (the real provider is never asked) and a single attempt (no retry pause, no
     * jitter drawn); every other port is in memory and private to this component. Priming through it loads the
     * use case, the item mapper, SigV4, the client and {@code HttpsURLConnection} as a first call would.
     */
    public static OrdersComponent primingComponent(HandlerConfig config) {
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        URI closed = URI.create("https://127.0.0.1:" + closedLoopbackPort() + "/");
        String region = config.awsRegion().orElse("us-east-1");
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, region, closed,
                CredentialsProvider.fixed(new AwsCredentials("PRIMING", "priming", Optional.empty())),
                RetryPolicy.none(), Clock.systemUTC(), AwsJsonClient.CallListener.NONE);
        DynamoDbOrderRepository orders = new DynamoDbOrderRepository(new DynamoDb(client),
                config.ordersTable().orElse("priming-orders"), config.pendingIndexShards(), config.orderRetention(),
                config.orderStuckAfter(), 0);
        Ports ports = new Ports(orders, new InMemoryProfileRepository(), new InMemoryIdempotencyStore(clock),
                orderId -> {
                    throw new IllegalStateException("priming starts no workflow");
                },
                SimulatedInventory.fromConfig(config.simStock()), SimulatedPayments.fromConfig(config.simDeclineAbove()),
                new UuidIds());
        return Components.withPorts(config, clock, ports);
    }

    /**
     * What must not survive a snapshot, on the component the function really uses: its AWS clients' cached
     * credentials, learnt clock offset and retry-jitter seed ({@link AwsAdapters#afterRestore()}). Nothing on the
     * in-memory adapters.
     */
    public static void afterRestore(OrdersComponent component) {
        component.awsAdapters().ifPresent(AwsAdapters::afterRestore);
    }

    /** A loopback port nobody listens on: bound, then closed (connections to it are refused). */
    static int closedLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no loopback port for priming", e);
        }
    }
}
