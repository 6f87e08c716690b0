package dev.ordersprofiles.local.lambda;

import dev.ordersprofiles.local.template.FunctionDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        LocalFunction function = lookup(nameOrArn);
        if (function == null) {
            throw new IllegalArgumentException("Function not found: " + nameOrArn);
        }
        if (!function.tryAcquire()) {
            return new InvocationResult.Throttled(function.definition().name());
        }
        String requestId = LocalFunction.newRequestId();
        try {
            Future<InvocationResult> running = workers.submit(() -> function.run(payload, requestId));
            try {
                return running.get(function.definition().timeoutSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                return ErrorDocument.timeout(requestId, function.definition().timeoutSeconds());
            } catch (ExecutionException e) {
                return ErrorDocument.of(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.cancel(true);
                return ErrorDocument.of(e);
            }
        } finally {
            function.release();
        }
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
