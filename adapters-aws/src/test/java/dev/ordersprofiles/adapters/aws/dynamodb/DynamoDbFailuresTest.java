package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsService;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.client.RetryPolicy;
import dev.ordersprofiles.application.order.ConcurrentOrderUpdate;
import dev.ordersprofiles.application.order.DuplicateOrder;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.Order;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order repository over a real local HTTP server that answers what an ailing DynamoDB answers: outages
 * (5xx, throttles, a hang) become {@link DependencyUnavailable} after the client's retries; business answers stay
 * business outcomes (a failed condition is the repository's own conflict, a validation error is not transient).
 */
class DynamoDbFailuresTest {
    private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));

    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, "{}", false));
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    record Answer(int status, String body, boolean hang) {
    }

    DynamoDbFailuresTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                Answer now = answer.get();
                if (now.hang()) {
                    released.await(30, TimeUnit.SECONDS);
                    return;
                }
                byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(now.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private OrderRepository orders() {
        AwsJsonClient client = new AwsJsonClient(AwsService.DYNAMODB, "eu-west-1",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                CredentialsProvider.fixed(AwsCredentials.of("test", "test")), FAST, Clock.systemUTC(),
                AwsJsonClient.CallListener.NONE).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
        return new DynamoDbOrderRepository(new DynamoDb(client), "orders");
    }

    @ParameterizedTest
    @CsvSource({"500, InternalServerError", "503, ServiceUnavailable", "400, ProvisionedThroughputExceededException",
            "400, ThrottlingException", "400, RequestLimitExceeded", "429, TooManyRequestsException"})
    void a_persistent_outage_or_throttle_is_dependency_unavailable_on_every_operation(int status, String code) {
        answer.set(new Answer(status, "{\"__type\":\"" + PREFIX + code + "\",\"message\":\"m\"}", false));
        OrderRepository orders = orders();
        Order order = OrderFixtures.pending();

        assertUnavailable(catchThrowable(() -> orders.find(order.id())), code);
        assertUnavailable(catchThrowable(() -> orders.add(order)), code);
        assertUnavailable(catchThrowable(() -> orders.update(order, order.validate(OrderFixtures.T0))), code);
        assertUnavailable(catchThrowable(() -> orders.dueBefore(OrderFixtures.T0).count()), code);
        assertThat(requests).as("three attempts each").hasValue(12);
    }

    @Test
    void a_hung_store_is_dependency_unavailable_after_the_attempt_timeouts() {
        answer.set(new Answer(200, "{}", true));
        OrderRepository orders = orders();

        Throwable thrown = catchThrowable(() -> orders.find(OrderFixtures.newId()));

        assertThat(thrown).isExactlyInstanceOf(DependencyUnavailable.class)
                .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(requests).hasValue(3);
    }

    @Test
    void a_failed_condition_stays_the_repositorys_business_outcome_without_a_retry() {
        answer.set(new Answer(400, "{\"__type\":\"" + PREFIX + "ConditionalCheckFailedException\"}", false));
        OrderRepository orders = orders();
        Order order = OrderFixtures.pending();

        assertThat(catchThrowable(() -> orders.add(order))).isInstanceOf(DuplicateOrder.class);
        assertThat(catchThrowable(() -> orders.update(order, order.validate(OrderFixtures.T0))))
                .isInstanceOf(ConcurrentOrderUpdate.class);
        assertThat(requests).hasValue(2);
    }

    @Test
    void a_validation_error_is_not_transient_and_not_retried() {
        answer.set(new Answer(400, "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                + "\"message\":\"One or more parameter values were invalid\"}", false));
        OrderRepository orders = orders();

        Throwable thrown = catchThrowable(() -> orders.find(OrderFixtures.newId()));

        assertThat(thrown).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ValidationException"));
        assertThat(thrown).isNotInstanceOf(DependencyUnavailable.class);
        assertThat(requests).hasValue(1);
    }

    private static void assertUnavailable(Throwable thrown, String code) {
        assertThat(thrown).isExactlyInstanceOf(DependencyUnavailable.class)
                .hasMessageContaining("3 attempt")
                .cause().isInstanceOfSatisfying(AwsServiceException.class,
                        last -> assertThat(last.errorCode()).isEqualTo(code));
    }
}
