package dev.ordersprofiles.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.local.template.FunctionDef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution environment of a function, as Lambda makes one: a JVM of its own running the AWS Lambda Runtime
 * Interface Client on the function's code, which pulls its invocations from a Lambda Runtime API
 * ({@code /2018-06-01/runtime/...}) that this class serves on a loopback port of its own (the child's
 * {@code AWS_LAMBDA_RUNTIME_API}). One invocation at a time, like an execution environment; a child that overruns
 * its timeout, fails its init or exits is killed and never used again.
 */
final class FunctionProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final FunctionDef function;
    private final HttpServer api;
    private final ExecutorService apiThreads;
    private final Process process;
    private final LinkedBlockingQueue<Pending> next = new LinkedBlockingQueue<>();
    private volatile Pending current;
    private volatile boolean dead;

    /** Lambda's limit on a function's init phase, which does not count against the function's timeout. */
    static final int INIT_SECONDS = 10;

    /** {@code taken} completes with the deadline when the child picks the invocation up. */
    private record Pending(String requestId, byte[] payload, CompletableFuture<Long> taken,
                           CompletableFuture<InvocationResult> result) {
    }

    private FunctionProcess(FunctionDef function, FunctionProcesses.Settings settings) throws IOException {
        this.function = function;
        this.api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        this.apiThreads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "runtime-api-" + function.name());
            t.setDaemon(true);
            return t;
        });
        api.setExecutor(apiThreads);
        api.createContext(PREFIX, this::serve);
        api.start();
        String runtimeApi = "127.0.0.1:" + api.getAddress().getPort();
        ProcessBuilder builder = new ProcessBuilder(settings.command(function));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(settings.environment(function, runtimeApi, SEQUENCE.incrementAndGet()));
        try {
            this.process = builder.start();
        } catch (IOException e) {
            api.stop(0);
            apiThreads.shutdownNow();
            throw e;
        }
        pipe(process.getInputStream(), "stdout");
        pipe(process.getErrorStream(), "stderr");
        process.onExit().thenRun(this::exited);
    }

    /** Starts the child JVM; it initialises the handler and then asks for its first invocation. */
    static FunctionProcess start(FunctionDef function, FunctionProcesses.Settings settings) throws IOException {
        return new FunctionProcess(function, settings);
    }

    boolean usable() {
        return !dead && process.isAlive();
    }

    /**
     * Hands one invocation to the child and waits for its answer, at most {@link #INIT_SECONDS} for the child to
     * take it and then the function's timeout. When either passes or the calling thread is interrupted, the child
     * is killed, as Lambda ends an environment whose invocation timed out.
     */
    InvocationResult invoke(byte[] payload, String requestId) {
        Pending pending = new Pending(requestId, payload, new CompletableFuture<>(), new CompletableFuture<>());
        if (!usable()) {
            return exitError(requestId);
        }
        next.add(pending);
        try {
            // The function's timeout starts when the child takes the invocation: a cold start's init (the JVM,
            // the runtime client, the handler's constructor) has Lambda's own init limit instead.
            try {
                // an init error or an exit answers before the invocation is ever taken
                CompletableFuture.anyOf(pending.taken(), pending.result()).get(INIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException initTooLong) {
                kill();
                return ErrorDocument.timeout(requestId, function.timeoutSeconds());
            }
            if (pending.result().isDone()) {
                return pending.result().join();
            }
            long deadline = pending.taken().join();
            return pending.result().get(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return ErrorDocument.timeout(requestId, function.timeoutSeconds());
        } catch (TimeoutException e) {
            kill();
            return ErrorDocument.timeout(requestId, function.timeoutSeconds());
        } catch (ExecutionException e) {
            kill();
            return ErrorDocument.of(e.getCause());
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("GET") && path.equals("invocation/next")) {
                nextInvocation(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                dead = true;
                FunctionLogs.line(function.name(), "INIT_REPORT Status: error Error Type: " + errorType(exchange, body));
                Pending waiting = next.poll();
                if (waiting != null) {
                    waiting.result().complete(error(exchange, body));
                }
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                Pending pending = matching(path, "/response");
                if (pending == null) {
                    send(exchange, 400, "{\"errorMessage\":\"no such invocation\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                pending.result().complete(new InvocationResult.Success(body));
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                Pending pending = matching(path, "/error");
                if (pending == null) {
                    send(exchange, 400, "{\"errorMessage\":\"no such invocation\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                pending.result().complete(error(exchange, body));
                accepted(exchange);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown Runtime API path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void nextInvocation(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = next.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        current = pending;
        long deadline = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", function.arn());
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + pending.requestId().replace("-", "").substring(0, 24) + ";Parent=0000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, pending.payload().length == 0 ? -1 : pending.payload().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.payload());
        }
        pending.taken().complete(deadline);
    }

    private Pending matching(String path, String suffix) {
        String id = path.substring("invocation/".length(), path.length() - suffix.length());
        Pending pending = current;
        if (pending == null || !pending.requestId().equals(id)) {
            return null;
        }
        current = null;
        return pending;
    }

    private static InvocationResult.FunctionError error(HttpExchange exchange, byte[] body) {
        String type = errorType(exchange, body);
        String message = null;
        try {
            JsonNode doc = JSON.readTree(body);
            if (doc != null && doc.path("errorMessage").isTextual()) {
                message = doc.path("errorMessage").asText();
            }
        } catch (IOException notJson) {
            // the body is passed on as the runtime sent it
        }
        return new InvocationResult.FunctionError(type, message, body);
    }

    private static String errorType(HttpExchange exchange, byte[] body) {
        try {
            JsonNode doc = JSON.readTree(body);
            if (doc != null && doc.path("errorType").isTextual()) {
                return doc.path("errorType").asText();
            }
        } catch (IOException notJson) {
            // fall back to the header
        }
        String header = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return header != null ? header : "Unhandled";
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void pipe(InputStream stream, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    FunctionLogs.line(function.name(), line);
                }
            } catch (IOException closed) {
                // the child is gone
            }
        }, "logs-" + function.name() + "-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void exited() {
        dead = true;
        int status = process.exitValue();
        Pending pending = current;
        if (pending == null) {
            pending = next.poll();
        }
        if (pending != null) {
            pending.result().complete(exitError(pending.requestId(), status));
        }
        api.stop(0);
        apiThreads.shutdownNow();
    }

    private InvocationResult.FunctionError exitError(String requestId) {
        return exitError(requestId, process.isAlive() ? -1 : process.exitValue());
    }

    private static InvocationResult.FunctionError exitError(String requestId, int status) {
        String message = "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + status;
        byte[] doc = ("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return new InvocationResult.FunctionError("Runtime.ExitError", message, doc);
    }

    /** Ends the child (and anything it started) at once. */
    void kill() {
        dead = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.stop(0);
        apiThreads.shutdownNow();
    }
}
