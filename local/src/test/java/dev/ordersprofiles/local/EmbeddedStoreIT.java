package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.local.auth.LocalIssuer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The stack's default store (dynalite, embedded, persisted under the data folder) and the DynamoDB API on the
 * stack's own port, driven with the AWS SDK as a user's code would: tables, scans, streams, TTL, supervision.
 */
class EmbeddedStoreIT {
    private static Path data;
    private static LocalStack stack;
    private static Http http;
    private static DynamoDbClient sdk;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        data = Files.createTempDirectory("embedded-store-it");
        stack = LocalStack.start(LocalOptions.defaults().withPort(0).withDataDir(data)
                .withTemplate(Path.of("..", "sam", "template.yaml"))
                .withStore(LocalOptions.Store.DEFAULT.withTtlSweep(Duration.ofSeconds(1))));
        http = new Http(stack.port());
        sdk = sdk(stack.port());
    }

    @AfterAll
    static void stop() {
        if (sdk != null) {
            sdk.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static DynamoDbClient sdk(int port) {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void the_sdk_lists_and_scans_the_template_tables_on_the_stack_port() {
        String token = http.token("scan-user");
        String sub = LocalIssuer.subjectOf("scan-user");
        assertThat(http.post("/profiles", token, "{\"name\": \"Scan Me\"}").status()).isIn(200, 201);

        assertThat(sdk.listTables().tableNames()).contains("orders", "profiles", "idempotency");
        List<Map<String, AttributeValue>> items = sdk.scan(r -> r.tableName("profiles")).items();
        assertThat(items).anySatisfy(item -> {
            assertThat(item.get("userId").s()).isEqualTo(sub);
            assertThat(item.get("name").s()).isEqualTo("Scan Me");
        });
        assertThatThrownBy(() -> sdk.scan(r -> r.tableName("no-such-table")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void an_item_put_through_the_endpoint_reaches_the_tables_stream_and_its_mapping() throws Exception {
        String user = "sdk-" + UUID.randomUUID();
        String now = Instant.now().toString();
        sdk.putItem(r -> r.tableName("profiles").item(Map.of(
                "userId", AttributeValue.fromS(user), "name", AttributeValue.fromS("Via Sdk"),
                "email", AttributeValue.fromS("sdk@example.com"),
                "createdAt", AttributeValue.fromS(now), "updatedAt", AttributeValue.fromS(now))));

        assertThat(CapturedStdout.await("WELCOME: userId=" + user + " name=Via Sdk", Duration.ofSeconds(20)))
                .isPresent();
    }

    @Test
    void ttl_deletes_items_whose_attribute_is_a_past_epoch_second_and_keeps_the_others() throws Exception {
        long now = Instant.now().getEpochSecond();
        String id = UUID.randomUUID().toString();
        sdk.putItem(r -> r.tableName("idempotency").item(Map.of("pk", AttributeValue.fromS("past-" + id),
                "ttlEpoch", AttributeValue.fromN(Long.toString(now - 60)))));
        sdk.putItem(r -> r.tableName("idempotency").item(Map.of("pk", AttributeValue.fromS("future-" + id),
                "ttlEpoch", AttributeValue.fromN(Long.toString(now + 3600)))));
        sdk.putItem(r -> r.tableName("idempotency").item(Map.of("pk", AttributeValue.fromS("text-" + id),
                "ttlEpoch", AttributeValue.fromS(Long.toString(now - 60)))));

        await(() -> !present("past-" + id));
        assertThat(present("future-" + id)).isTrue();
        assertThat(present("text-" + id)).isTrue();
    }

    @Test
    void dynalite_killed_outright_is_restarted_on_the_same_data_and_the_log_says_so() throws Exception {
        String user = "survivor-" + UUID.randomUUID();
        sdk.putItem(r -> r.tableName("idempotency").item(Map.of("pk", AttributeValue.fromS(user))));
        ProcessHandle dynalite = storeProcess(data).orElseThrow();

        assertThat(dynalite.destroyForcibly()).isTrue(); // SIGKILL
        dynalite.onExit().get();

        assertThat(CapturedStdout.await("\"event\":\"restarted\"", Duration.ofSeconds(30))).isPresent();
        await(() -> storeProcess(data).filter(p -> p.pid() != dynalite.pid()).isPresent());
        assertThat(present(user)).isTrue();
    }

    @Test
    void a_client_vanishing_mid_request_kills_dynalite_and_the_stack_restarts_it() throws Exception {
        String user = "after-reset-" + UUID.randomUUID();
        ProcessHandle dynalite = storeProcess(data).orElseThrow();
        String command = dynalite.info().commandLine().orElseThrow();
        int port = Integer.parseInt(command.replaceAll(".*--port (\\d+).*", "$1"));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n\r\n{\"Limit\":").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(200);
            socket.setSoLinger(true, 0); // close with a reset: dynalite sees ECONNRESET mid-body
        }
        dynalite.onExit().get();

        await(() -> storeProcess(data).filter(p -> p.pid() != dynalite.pid()).isPresent());
        long restarted = storeProcess(data).orElseThrow().pid();
        assertThat(CapturedStdout.await("\"pid\":" + restarted + ",", Duration.ofSeconds(30)).orElseThrow())
                .contains("\"event\":\"restarted\"");
        sdk.putItem(r -> r.tableName("idempotency").item(Map.of("pk", AttributeValue.fromS(user))));
        assertThat(present(user)).isTrue();
    }

    /** The dynalite process the stack started for {@code dataDir}, if one is running. */
    static Optional<ProcessHandle> storeProcess(Path dataDir) {
        String path = dataDir.toAbsolutePath().normalize().resolve("dynamodb").toString();
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("dynalite") && c.contains(path)).orElse(false))
                .findFirst();
    }

    private static boolean present(String pk) {
        return sdk.getItem(r -> r.tableName("idempotency").consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk)))).hasItem();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
