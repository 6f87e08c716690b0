package dev.ordersprofiles.local.lambda;

import dev.ordersprofiles.local.template.FunctionDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The template's functions, invocable by name or ARN (with or without a version or alias qualifier), one handler
 * instance each, with reserved concurrency and the function timeout enforced.
 */
public final class LambdaRuntime implements AutoCloseable {
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final ExecutorService workers;
    private final Timeouts timeouts = new Timeouts("lambda-timeouts");
    private volatile InvocationInterceptor interceptor = InvocationInterceptor.NONE;
    /** The function processes' temporary folder (their /tmp and the runtime client's library); none in-process. */
    private Path scratch;

    public LambdaRuntime(List<FunctionDef> definitions, HandlerFactory factory) {
        for (FunctionDef definition : definitions) {
            functions.put(definition.name(), new LocalFunction(definition, factory));
        }
        this.workers = newWorkers();
    }

    /**
     * Functions run as Lambda runs them: each in child JVMs of its own (the AWS Lambda Runtime Interface Client on
     * the function's CodeUri), fed over the Lambda Runtime API (lambda/FunctionProcess.java).
     *
     * @param endpointPort the stack's port, which the functions get as {@code AWS_ENDPOINT_URL}
     * @param maxPerFunction at most this many environments of one function at once
     */
    public LambdaRuntime(List<FunctionDef> definitions, String region, String accessKeyId, String secretAccessKey,
                         IntSupplier endpointPort, int maxPerFunction) {
        // The Runtime API servers answer on the JDK's HTTP server, which leaves Nagle's algorithm on by default:
        // every invocation then waited ~90 ms for a delayed ACK (docs/architecture.md, section 8). The JDK reads
        // this once, when its first server is made, so it is set before any is.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        FunctionProcesses.Settings settings = FunctionProcesses.Settings.beside(region, accessKeyId, secretAccessKey,
                endpointPort, maxPerFunction);
        for (FunctionDef definition : definitions) {
            functions.put(definition.name(), new LocalFunction(definition, settings));
            if (definition.code().isEmpty() || !Files.exists(definition.code().get())) {
                // Said once at start, not only as each invocation's error: the usual cause is an unbuilt jar.
                System.err.println("[local] warning: function " + definition.name() + " has no code at "
                        + definition.code().map(Path::toString).orElse("(no CodeUri)")
                        + "; its invocations fail until it is built");
            }
        }
        this.workers = newWorkers();
        this.scratch = settings.scratch();
    }

    private static ExecutorService newWorkers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Every invocation from now on passes {@code hook} (the stack's fault injection). */
    public void intercept(InvocationInterceptor hook) {
        this.interceptor = hook == null ? InvocationInterceptor.NONE : hook;
    }

    public List<FunctionDef> functions() {
        return functions.values().stream().map(LocalFunction::definition).toList();
    }

    /** The function a name, a partial or full ARN, possibly qualified ({@code :live}, {@code :$LATEST}), names. */
    public Optional<FunctionDef> find(String nameOrArn) {
        return Optional.ofNullable(lookup(nameOrArn)).map(LocalFunction::definition);
    }

    /**
     * Invokes a function and waits for it, at most its timeout.
     *
     * @throws IllegalArgumentException when no function has that name
     */
    public InvocationResult invoke(String nameOrArn, byte[] payload) {
        return invokeAsync(nameOrArn, payload).join();
    }

    /**
     * Invokes a function on the runtime's own threads; the stage completes with the result, a throttle, or a
     * timeout error once the function's timeout has passed (the handler thread is then interrupted).
     *
     * @throws IllegalArgumentException when no function has that name
     */
    public CompletableFuture<InvocationResult> invokeAsync(String nameOrArn, byte[] payload) {
        LocalFunction function = function(nameOrArn);
        String requestId = LocalFunction.newRequestId();
        InvocationResult instead = interceptor.before(function.definition(), requestId);
        if (instead != null) {
            return CompletableFuture.completedFuture(instead);
        }
        if (!function.tryAcquire()) {
            return CompletableFuture.completedFuture(new InvocationResult.Throttled(function.definition().name()));
        }
        OnWorker invocation = new OnWorker(function, requestId);
        try {
            invocation.submit(payload);
        } catch (RejectedExecutionException stopped) {
            if (timeouts.finished(invocation)) {
                function.release();
            }
            throw new IllegalStateException("the local stack is stopping");
        }
        return invocation.result;
    }

    /** An invocation on the runtime's threads: completed by the handler's return or by its timeout. */
    private final class OnWorker extends Timeouts.Watch {
        private final LocalFunction function;
        private final String requestId;
        private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        private volatile Future<?> running;

        OnWorker(LocalFunction function, String requestId) {
            super(function.watchSeconds());
            this.function = function;
            this.requestId = requestId;
        }

        void submit(byte[] payload) {
            running = workers.submit(() -> {
                // The timeout counts from when the invocation has an environment, as Lambda's does.
                InvocationResult outcome = interceptor.after(function.definition(), requestId,
                        function.run(payload, requestId, () -> timeouts.start(this)));
                if (timeouts.finished(this)) {
                    function.release();
                    result.complete(outcome);
                }
            });
        }

        @Override
        void expire() {
            function.release();
            result.complete(ErrorDocument.timeout(requestId, function.definition().timeoutSeconds()));
            Future<?> handler = running;
            if (handler != null) {
                handler.cancel(true);
            }
        }
    }

    /**
     * Invokes a function on the calling thread (no hand-over to another thread), with the same reserved
     * concurrency and timeout as {@link #invokeAsync}: once the function's timeout has passed, the calling thread is
     * interrupted and {@code timedOut} receives the timeout error right then, on another thread, so that the caller
     * can answer its own client on time; this method returns that same error when the handler finally returns.
     *
     * @throws IllegalArgumentException when no function has that name
     */
    public InvocationResult invokeOnCaller(String nameOrArn, byte[] payload,
                                           Consumer<InvocationResult.FunctionError> timedOut) {
        LocalFunction function = function(nameOrArn);
        String requestId = LocalFunction.newRequestId();
        InvocationResult instead = interceptor.before(function.definition(), requestId);
        if (instead != null) {
            return instead;
        }
        if (!function.tryAcquire()) {
            return new InvocationResult.Throttled(function.definition().name());
        }
        Thread caller = Thread.currentThread();
        InvocationResult.FunctionError[] timeout = new InvocationResult.FunctionError[1];
        Timeouts.Watch watch = new Timeouts.Watch(function.watchSeconds()) {
            @Override
            void expire() {
                function.release();
                timeout[0] = ErrorDocument.timeout(requestId, function.definition().timeoutSeconds());
                caller.interrupt();
                timedOut.accept(timeout[0]);
            }
        };
        // The handler starts with a clear interrupt status, as on a thread of its own, and whatever it leaves
        // behind (the timeout's interrupt included) is not the caller's: the caller's own status comes back.
        boolean callerInterrupted = Thread.interrupted();
        InvocationResult outcome;
        try {
            outcome = interceptor.after(function.definition(), requestId,
                    function.run(payload, requestId, () -> timeouts.start(watch)));
        } finally {
            if (timeouts.finished(watch)) {
                function.release();
            } else {
                watch.awaitExpired();
            }
            Thread.interrupted();
            if (callerInterrupted) {
                caller.interrupt();
            }
        }
        return timeout[0] != null ? timeout[0] : outcome;
    }

    private LocalFunction function(String nameOrArn) {
        LocalFunction function = lookup(nameOrArn);
        if (function == null) {
            throw new IllegalArgumentException("Function not found: " + nameOrArn);
        }
        return function;
    }

    private LocalFunction lookup(String nameOrArn) {
        LocalFunction direct = functions.get(nameOrArn);
        if (direct != null) {
            return direct;
        }
        String name = nameOrArn;
        int at = name.indexOf(":function:");
        if (at >= 0) {
            name = name.substring(at + ":function:".length());
        }
        int qualifier = name.indexOf(':');
        if (qualifier >= 0) {
            name = name.substring(0, qualifier);
        }
        return functions.get(name);
    }

    @Override
    public void close() {
        timeouts.close();
        workers.shutdownNow();
        functions.values().forEach(LocalFunction::close);
        if (scratch != null) {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a temporary folder: what is left goes with the machine's next clean-up of /tmp
            }
        }
    }
}
