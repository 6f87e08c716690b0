package dev.ordersprofiles.local.lambda;

import dev.ordersprofiles.local.template.FunctionDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The template's functions, invocable by name or ARN (with or without a version or alias qualifier), one handler
 * instance each, with reserved concurrency and the function timeout enforced.
 */
public final class LambdaRuntime implements AutoCloseable {
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final ExecutorService workers;

    public LambdaRuntime(List<FunctionDef> definitions, HandlerFactory factory) {
        for (FunctionDef definition : definitions) {
            functions.put(definition.name(), new LocalFunction(definition, factory));
        }
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        LocalFunction function = lookup(nameOrArn);
        if (function == null) {
            throw new IllegalArgumentException("Function not found: " + nameOrArn);
        }
        if (!function.tryAcquire()) {
            return CompletableFuture.completedFuture(new InvocationResult.Throttled(function.definition().name()));
        }
        String requestId = LocalFunction.newRequestId();
        int timeout = function.definition().timeoutSeconds();
        Future<?>[] running = new Future<?>[1];
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        try {
            running[0] = workers.submit(() -> result.complete(function.run(payload, requestId)));
        } catch (RejectedExecutionException stopped) {
            function.release();
            throw new IllegalStateException("the local stack is stopping");
        }
        return result.completeOnTimeout(ErrorDocument.timeout(requestId, timeout), timeout, TimeUnit.SECONDS)
                .whenComplete((r, e) -> {
                    function.release();
                    if (r instanceof InvocationResult.FunctionError f && "Sandbox.Timedout".equals(f.errorType())) {
                        running[0].cancel(true);
                    }
                });
    }

    private LocalFunction lookup(String nameOrArn) {
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
        workers.shutdownNow();
    }
}
