package dev.ordersprofiles.adapters.aws.testing;

import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.client.AwsCredentials;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsService;
import dev.ordersprofiles.adapters.aws.client.CredentialsProvider;
import dev.ordersprofiles.adapters.aws.client.RetryPolicy;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDb;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDbOrderRepository;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dynalite process per test JVM, started on first use on a free loopback port from tools/dynalite (installed by
 * the build's {@code npm ci}), and always stopped: by a shutdown hook, and, should the JVM die hard, by dynalite
 * itself noticing that its stdin closed (tools/dynalite/exit-with-parent.js).
 *
 * <p>It hands out the adapters' own DynamoDB client ({@link DynamoDb} over {@link AwsJsonClient}, as the functions
 * use it) and never the AWS SDK: the SDK is in this module's test scope only, and the local stack's end-to-end
 * tests use this class through the test-jar without it. Tests that want the SDK as an oracle build it themselves
 * from {@link #endpoint()}.
 */
public final class Dynalite {
    /** Dummy credentials: dynalite wants a signed request but checks no signature. */
    public static final CredentialsProvider DUMMY_CREDENTIALS =
            CredentialsProvider.fixed(AwsCredentials.of("dynalite", "dynalite"));
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger TABLE_SETS = new AtomicInteger();
    private static volatile Dynalite shared;

    private final Process process;
    private final URI endpoint;
    private final DynamoDb dynamo;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.dynamo = dynamoDb(AwsJsonClient.CallListener.NONE);
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

    /** The DynamoDB client of this dynalite (dummy credentials, the functions' retry policy), shared. */
    public DynamoDb dynamoDb() {
        return dynamo;
    }

    /** A new DynamoDB client of this dynalite whose every HTTP exchange {@code listener} sees, e.g. to count calls. */
    public DynamoDb dynamoDb(AwsJsonClient.CallListener listener) {
        return new DynamoDb(new AwsJsonClient(AwsService.DYNAMODB, REGION, endpoint, DUMMY_CREDENTIALS,
                RetryPolicy.dynamoDb(), Clock.systemUTC(), listener));
    }

    /**
     * The adapters as the functions build them ({@link AwsAdapters#fromSettings}), on {@code tables} of this
     * dynalite (which this does not create: see {@link #freshTables()}), without a state machine.
     */
    public AwsAdapters adapters(TableNames tables) {
        return adapters(tables, AwsJsonClient.CallListener.NONE);
    }

    /** {@link #adapters(TableNames)} whose every HTTP exchange {@code listener} sees. */
    public AwsAdapters adapters(TableNames tables, AwsJsonClient.CallListener listener) {
        AwsSettings settings = new AwsSettings(REGION, tables, Optional.empty(), Optional.of(endpoint),
                Optional.empty(), DynamoDbOrderRepository.DEFAULT_SHARDS, DynamoDbOrderRepository.DEFAULT_RETENTION);
        return AwsAdapters.fromSettings(settings, DUMMY_CREDENTIALS, Clock.systemUTC(), listener);
    }

    /** Three new, empty tables with a unique prefix: a fresh store for one test. */
    public TableNames freshTables() {
        TableNames names = TableNames.prefixed("t" + TABLE_SETS.incrementAndGet() + "-" + ProcessHandle.current().pid()
                + "-");
        TableDefinitions.createMissing(dynamo, names);
        return names;
    }

    /**
     * A dynalite of its own for a test that kills it ({@link #kill()}); also stopped at JVM exit. The shared one is
     * never killed, so other tests in the JVM keep their store.
     */
    public static Dynalite startOwn() {
        return start();
    }

    /** Kills the process with SIGKILL, as a crashed store dies, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("dynalite did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** Polls ListTables without retries (a refused connection is the normal answer until dynalite listens). */
    private boolean awaitAnswering() {
        DynamoDb probe = new DynamoDb(new AwsJsonClient(AwsService.DYNAMODB, REGION, endpoint, DUMMY_CREDENTIALS,
                RetryPolicy.none(), Clock.systemUTC(), AwsJsonClient.CallListener.NONE));
        long giveUpAt = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < giveUpAt) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                probe.listTables();
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
