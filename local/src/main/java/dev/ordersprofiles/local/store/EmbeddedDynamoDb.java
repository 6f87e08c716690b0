package dev.ordersprofiles.local.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stack's own DynamoDB-compatible store: one dynalite process (tools/dynalite, the project's pinned npm
 * package) on a free loopback port, persisted under {@code dataPath} when one is given, in memory otherwise.
 *
 * <p>Supervised: dynalite can die of an unhandled error (an ECONNRESET when a client vanishes mid-request throws
 * out of its request handler), so when the process ends without {@link #close()} it is started again on the same
 * port and the same data, and a JSON line on stdout says so. Stopped with its whole process tree by
 * {@link #close()} and, should the JVM end first (Ctrl-C, SIGTERM), by a shutdown hook; if the JVM is killed
 * outright, dynalite ends itself when its stdin closes (tools/dynalite/exit-with-parent.js).
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dynaliteDir;
    private final Optional<Path> dataPath;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Process process;
    private volatile boolean closing;

    private EmbeddedDynamoDb(Path dynaliteDir, Optional<Path> dataPath, Path log, int port) {
        this.dynaliteDir = dynaliteDir;
        this.dataPath = dataPath;
        this.log = log;
        this.port = port;
        this.shutdownHook = new Thread(this::stopProcess, "dynamodb-store-stop");
    }

    /**
     * Installs dynalite if needed ({@code npm ci}, progress on stderr) and starts it.
     *
     * @param dataPath the LevelDB folder to persist to, or empty for an in-memory store
     * @param log      the file dynalite's own output is appended to
     * @throws IllegalStateException when node or npm is missing or dynalite does not answer
     */
    public static EmbeddedDynamoDb start(Path dynaliteDir, Optional<Path> dataPath, Path log) {
        Path dir = dynaliteDir.toAbsolutePath().normalize();
        install(dir);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (dataPath.isPresent()) {
                Files.createDirectories(dataPath.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + log.getParent(), e);
        }
        EmbeddedDynamoDb store = new EmbeddedDynamoDb(dir, dataPath.map(p -> p.toAbsolutePath().normalize()),
                log.toAbsolutePath(), freePort());
        Runtime.getRuntime().addShutdownHook(store.shutdownHook);
        try {
            store.launch();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Where the store answers, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The running dynalite's process id (changes when the supervisor restarts it). */
    public long pid() {
        return process.pid();
    }

    /** How many times the supervisor has restarted dynalite. */
    public int restarts() {
        return restarts.get();
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(node(), "--require",
                dynaliteDir.resolve("exit-with-parent.js").toString(),
                dynaliteDir.resolve("node_modules/dynalite/cli.js").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        dataPath.ifPresent(p -> command.addAll(List.of("--path", p.toString())));
        Process started;
        try {
            started = new ProcessBuilder(command).directory(dynaliteDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node (is Node.js 20+ on the PATH?): " + e.getMessage(), e);
        }
        process = started;
        if (!StoreClient.awaitAnswering(endpoint(), started::isAlive, START_TIMEOUT)) {
            destroyTree(started);
            throw new IllegalStateException("dynalite did not start on 127.0.0.1:" + port + "; see " + log);
        }
        started.onExit().thenAccept(this::exited);
    }

    private void exited(Process ended) {
        if (closing || ended != process) {
            return;
        }
        int attempt = restarts.incrementAndGet();
        try {
            launch();
            System.out.println("{\"time\":\"" + Instant.now() + "\",\"level\":\"WARN\",\"component\":\"dynamodb-store\","
                    + "\"event\":\"restarted\",\"exitCode\":" + ended.exitValue() + ",\"restart\":" + attempt
                    + ",\"pid\":" + process.pid() + ",\"endpoint\":\"" + endpoint() + "\",\"log\":\""
                    + jsonEscape(log.toString()) + "\"}");
        } catch (RuntimeException e) {
            System.out.println("{\"time\":\"" + Instant.now() + "\",\"level\":\"ERROR\",\"component\":\"dynamodb-store\","
                    + "\"event\":\"restart-failed\",\"exitCode\":" + ended.exitValue() + ",\"restart\":" + attempt
                    + ",\"error\":\"" + jsonEscape(e.getMessage()) + "\"}");
        }
    }

    @Override
    public void close() {
        closing = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: the process is stopped either way
        }
    }

    private void stopProcess() {
        closing = true;
        Process current = process;
        if (current != null) {
            destroyTree(current);
        }
    }

    private static void destroyTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** {@code npm ci} in tools/dynalite when its node_modules is missing (a fresh clone), output on stderr. */
    private static void install(Path dir) {
        if (Files.isRegularFile(dir.resolve("node_modules/dynalite/cli.js"))) {
            return;
        }
        if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
            throw new IllegalStateException(dir + " has no package-lock.json: not the project's tools/dynalite"
                    + " (use --dynalite-dir)");
        }
        System.err.println("[local] installing dynalite: npm ci in " + dir);
        try {
            Process npm = new ProcessBuilder(System.getProperty("local.npm", "npm"), "ci", "--no-audit",
                    "--no-fund").directory(dir.toFile()).redirectErrorStream(true).start();
            npm.getOutputStream().close();
            try (InputStream out = npm.getInputStream()) {
                out.transferTo(System.err);
            }
            if (npm.waitFor() != 0 || !Files.isRegularFile(dir.resolve("node_modules/dynalite/cli.js"))) {
                throw new IllegalStateException("npm ci in " + dir + " failed (exit " + npm.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run npm (is Node.js 20+ with npm on the PATH?): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing dynalite", e);
        }
    }

    private static String node() {
        return System.getProperty("local.node", "node");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static String jsonEscape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
