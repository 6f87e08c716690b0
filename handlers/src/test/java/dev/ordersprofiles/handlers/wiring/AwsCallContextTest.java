package dev.ordersprofiles.handlers.wiring;

import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.withPathId;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import dev.ordersprofiles.handlers.http.GetOrderHandler;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.TestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chain from a handler's Lambda Context to the AWS client, as PortsModule wires it
 * ({@code AwsAdapters.fromSettings(settings, InvocationCallContext.ofThisProcess())}): a function's DynamoDB request
 * carries the invocation's trace header, and its calls end when the invocation's time is up, not after the
 * client's own timeouts.
 */
class AwsCallContextTest {
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private final List<String> traces = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hang;
    private HttpServer dynamo;

    @AfterEach
    void stop() {
        released.countDown();
        if (dynamo != null) {
            dynamo.stop(0);
        }
    }

    private GetOrderHandler getOrder(InvocationCallContext context) throws IOException {
        dynamo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dynamo.setExecutor(Executors.newFixedThreadPool(2));
        dynamo.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                traces.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
                if (hang) {
                    released.await(30, TimeUnit.SECONDS);
                    return;
                }
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8); // GetItem: no such item
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dynamo.start();
        AwsSettings settings = new AwsSettings("eu-west-1", TableNames.prefixed("ctx-"), Optional.empty(),
                Optional.of(URI.create("http://127.0.0.1:" + dynamo.getAddress().getPort())), Optional.empty(), 8,
                Duration.ofDays(30));
        AwsAdapters aws = AwsAdapters.fromSettings(settings, CredentialsProvider.fixed(AwsCredentials.of("k", "s")),
                Clock.systemUTC(), AwsJsonClient.CallListener.NONE, context);
        Ports ports = new Ports(aws.orderRepository(), aws.profileRepository(), aws.idempotencyStore(), id -> { },
                SimulatedInventory.fromConfig(""), SimulatedPayments.fromConfig("5000.00"), new UuidIds());
        return new GetOrderHandler(Components.withPorts(HandlerConfig.inMemory(), Clock.systemUTC(), ports));
    }

    @Test
    void the_invocations_trace_header_reaches_dynamodb() throws IOException {
        GetOrderHandler handler = getOrder(new InvocationCallContext(
                name -> name.equals(InvocationCallContext.TRACE_PROPERTY) ? TRACE : null, Map.of()));

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                withPathId(event("api-orders-get"), UUID.randomUUID().toString()), new TestContext());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(traces).containsExactly(TRACE);
    }

    @Test
    void a_call_ends_with_the_invocations_time_not_after_the_clients_timeouts() throws IOException {
        GetOrderHandler handler = getOrder(new InvocationCallContext(name -> null, Map.of()));
        hang = true;
        // 700 ms left: the deadline is 200 ms away (500 ms are kept to answer), far less than the 10 s read timeout
        Context shortOnTime = remaining(700);

        try (CapturedStdout out = new CapturedStdout()) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(
                    withPathId(event("api-orders-get"), UUID.randomUUID().toString()), shortOnTime);

            assertThat(response.getStatusCode()).isEqualTo(503); // an outage, not a bug
            assertThat(out.invocationLines()).singleElement().satisfies(line -> {
                assertThat(line.path("error").asText())
                        .isEqualTo("dev.ordersprofiles.application.shared.DependencyUnavailable");
                assertThat(line.path("errorMessage").asText()).contains("1 attempt", "deadline");
            });
        }
        assertThat(traces).hasSize(1);
    }

    private static Context remaining(int millis) {
        TestContext base = new TestContext();
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis")
                        ? millis : method.invoke(base, args));
    }
}
