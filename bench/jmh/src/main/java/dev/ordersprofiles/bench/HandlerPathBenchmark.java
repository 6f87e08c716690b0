package dev.ordersprofiles.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.handlers.http.GetOrderHandler;
import dev.ordersprofiles.handlers.http.GetProfileHandler;
import dev.ordersprofiles.handlers.http.HealthHandler;
import dev.ordersprofiles.handlers.http.PlaceOrderHandler;
import dev.ordersprofiles.handlers.http.UpsertProfileHandler;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process handler path as the Lambda runtime drives it: event JSON bytes in, through the handler's
 * byte-stream entry point (the overload the runtime picks), the real handler over the in-memory adapters, response
 * JSON bytes out. The handlers' per-invocation JSON log
 * line is written to a discarding stream, so the figure includes building it but not a terminal.
 * Short runs on purpose (2-core machine): 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HandlerPathBenchmark {
    private static final ObjectMapper TREE = new ObjectMapper();

    private PojoSerializer<APIGatewayProxyRequestEvent> in;
    private final Context context = new LambdaSim.SimContext("bench-request");

    private HealthHandler health;
    private GetProfileHandler getProfile;
    private UpsertProfileHandler upsertProfile;
    private PlaceOrderHandler placeOrder;
    private GetOrderHandler getOrder;

    private byte[] healthEvent;
    private byte[] profileGetEvent;
    private byte[] profilePostEvent;
    private byte[] orderPostEvent;
    private byte[] orderGetEvent;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        ClassLoader loader = getClass().getClassLoader();
        in = LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader);

        OrdersComponent component = Components.create(HandlerConfig.inMemory(), Clock.tickMillis(ZoneOffset.UTC));
        health = new HealthHandler();
        getProfile = new GetProfileHandler(component);
        upsertProfile = new UpsertProfileHandler(component);
        placeOrder = new PlaceOrderHandler(component);
        getOrder = new GetOrderHandler(component);

        healthEvent = event("api-health-get.json");
        profileGetEvent = event("api-profiles-get.json");
        profilePostEvent = event("api-profiles-post.json");
        // Without the Idempotency-Key every call places a new order (the common case, and no replay short-cut).
        ObjectNode post = (ObjectNode) TREE.readTree(event("api-orders-post.json"));
        ((ObjectNode) post.get("headers")).remove("Idempotency-Key");
        ((ObjectNode) post.get("multiValueHeaders")).remove("Idempotency-Key");
        orderPostEvent = TREE.writeValueAsBytes(post);

        requireStatus(invoke(upsertProfile::handleRequest, profilePostEvent), 201);
        APIGatewayProxyResponseEvent placed = placeOrder.handleRequest(in.fromJson(
                new ByteArrayInputStream(orderPostEvent)), context);
        requireStatus(placed, 202);
        String orderId = TREE.readTree(placed.getBody()).get("orderId").asText();
        ObjectNode get = (ObjectNode) TREE.readTree(event("api-orders-get.json"));
        String sampleId = get.get("pathParameters").get("id").asText();
        orderGetEvent = TREE.writeValueAsString(get).replace(sampleId, orderId).getBytes();
    }

    @Benchmark
    public byte[] healthGet() {
        return invoke(health::handleRequest, healthEvent);
    }

    @Benchmark
    public byte[] profilesGet() {
        return invoke(getProfile::handleRequest, profileGetEvent);
    }

    @Benchmark
    public byte[] profilesUpsert() {
        return invoke(upsertProfile::handleRequest, profilePostEvent);
    }

    /** POST /orders with the in-process workflow: places the order and runs the four steps to CONFIRMED. */
    @Benchmark
    public byte[] ordersCreateToConfirmed() {
        return invoke(placeOrder::handleRequest, orderPostEvent);
    }

    @Benchmark
    public byte[] ordersGet() {
        return invoke(getOrder::handleRequest, orderGetEvent);
    }

    private interface Handler {
        void handle(InputStream input, OutputStream output, Context context) throws IOException;
    }

    /** The entry point the Lambda runtime uses (the byte-stream overload), bytes in, bytes out. */
    private byte[] invoke(Handler handler, byte[] event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            handler.handle(new ByteArrayInputStream(event), bytes, context);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void requireStatus(byte[] response, int expected) throws IOException {
        int status = TREE.readTree(response).get("statusCode").asInt();
        if (status != expected) {
            throw new IllegalStateException("set-up expected " + expected + " but got " + status);
        }
    }

    private static void requireStatus(APIGatewayProxyResponseEvent response, int expected) {
        if (response.getStatusCode() != expected) {
            throw new IllegalStateException("set-up expected " + expected + " but got " + response.getStatusCode()
                    + ": " + response.getBody());
        }
    }

    private static byte[] event(String name) throws IOException {
        try (InputStream stream = HandlerPathBenchmark.class.getResourceAsStream("/events/" + name)) {
            if (stream == null) {
                throw new IllegalStateException("missing event " + name);
            }
            return stream.readAllBytes();
        }
    }
}
