package dev.ordersprofiles.adapters.aws.testing;

import dev.ordersprofiles.adapters.aws.AwsClients;
import dev.ordersprofiles.adapters.aws.dynamodb.TableDefinitions;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One dynalite process per test JVM, started on first use on a free loopback port from tools/dynalite (installed by
 * the build's {@code npm ci}), and always stopped: by a shutdown hook, and, should the JVM die hard, by dynalite
 * itself noticing that its stdin closed (tools/dynalite/exit-with-parent.js).
 */
public final class Dynalite {
    public static final AwsCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dynalite", "dynalite"));
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger TABLE_SETS = new AtomicInteger();
    private static volatile Dynalite shared;

    private final Process process;
    private final URI endpoint;
    private final DynamoDbClient client;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = AwsClients.dynamoDb(REGION, Optional.of(endpoint), DUMMY_CREDENTIALS);
    }

    /** The JVM's dynalite, started on first call. */
    public static Dynalite shared() {
        Dynalite current = shared;
        if (current == null) {
            synchronized (Dynalite.class) {
                current = shared;
                if (current == null) {
                    current = start();
                    shared = current;
                }
            }
        }
        return current;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this dynalite (URL-connection HTTP client, dummy credentials). */
    public DynamoDbClient client() {
        return client;
    }

    /** A client that also runs {@code interceptors}, e.g. to count calls. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(endpoint)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(List.of(interceptors)).build())
                .build();
    }

    /** Three new, empty tables with a unique prefix: a fresh store for one test. */
    public TableNames freshTables() {
        TableNames names = TableNames.prefixed("t" + TABLE_SETS.incrementAndGet() + "-" + ProcessHandle.current().pid()
                + "-");
        TableDefinitions.createMissing(client, names);
        return names;
    }

    private static Dynalite start() {
        Path dir = Paths.get(System.getProperty("dynalite.dir", "../tools/dynalite")).toAbsolutePath().normalize();
        Path cli = dir.resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " is missing: run `npm ci` in " + dir
                    + " (the Maven build does so before the integration tests)");
        }
        File log = new File(System.getProperty("dynalite.log", "target/dynalite.log"));
        log.getParentFile().mkdirs();
        IllegalStateException failure = new IllegalStateException("dynalite did not start; see " + log);
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(System.getProperty("dynalite.node", "node"),
                    "--require", dir.resolve("exit-with-parent.js").toString(), cli.toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run node (is Node.js 20+ on the PATH?)", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "dynalite-stop"));
            Dynalite dynalite = new Dynalite(process, URI.create("http://127.0.0.1:" + port));
            if (dynalite.awaitAnswering()) {
                return dynalite;
            }
            failure.addSuppressed(new IllegalStateException("attempt on port " + port + " failed"));
            stop(process);
        }
        throw failure;
    }

    private boolean awaitAnswering() {
        long giveUpAt = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < giveUpAt) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                client.listTables();
                return true;
            } catch (RuntimeException notYet) {
                sleep(50);
            }
        }
        return false;
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
