package dev.ordersprofiles.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.ordersprofiles.local.http.RequestIds;
import dev.ordersprofiles.local.template.FunctionDef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * One function: its handler instance (made on first invocation, like Lambda's init phase), its serialisers (the
 * Java runtime's own library, so events arrive exactly as on AWS), and its reserved concurrency.
 */
final class LocalFunction {
    private final FunctionDef definition;
    private final HandlerFactory factory;
    private final FunctionProcesses processes;
    private final Optional<Semaphore> reserved;
    private volatile Initialised initialised;

    private record Initialised(Object handler, PojoSerializer<Object> input, PojoSerializer<Object> output) {
    }

    LocalFunction(FunctionDef definition, HandlerFactory factory) {
        this(definition, factory, null);
    }

    /** A function run in child JVMs over the Runtime API instead of in the stack's own JVM. */
    LocalFunction(FunctionDef definition, FunctionProcesses.Settings settings) {
        this(definition, null, new FunctionProcesses(definition, settings));
    }

    private LocalFunction(FunctionDef definition, HandlerFactory factory, FunctionProcesses processes) {
        this.definition = definition;
        this.factory = factory;
        this.processes = processes;
        this.reserved = definition.reservedConcurrency().isPresent()
                ? Optional.of(new Semaphore(definition.reservedConcurrency().getAsInt())) : Optional.empty();
    }

    FunctionDef definition() {
        return definition;
    }

    /** Takes a concurrency slot; false when the function is at its reserved concurrency. */
    boolean tryAcquire() {
        return reserved.map(Semaphore::tryAcquire).orElse(true);
    }

    void release() {
        reserved.ifPresent(Semaphore::release);
    }

    /** Runs the handler on the calling thread, or in a function process (the calling thread waits for it). */
    InvocationResult run(byte[] payload, String requestId) {
        return run(payload, requestId, () -> {
        });
    }

    /**
     * Like {@link #run(byte[], String)}; {@code hasEnvironment} runs once the invocation has an execution
     * environment (at once in-process; after the wait for a free function process otherwise), where Lambda's
     * clock for the function timeout starts.
     */
    InvocationResult run(byte[] payload, String requestId, Runnable hasEnvironment) {
        if (processes != null) {
            return processes.run(payload, requestId, hasEnvironment);
        }
        hasEnvironment.run();
        FunctionLogs.enter(definition.name());
        try {
            Initialised init = initialised();
            Context context = new LocalContext(definition, requestId, System.currentTimeMillis());
            if (init.handler() instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                stream.handleRequest(new ByteArrayInputStream(payload), out, context);
                return new InvocationResult.Success(out.toByteArray());
            }
            Object input;
            try {
                input = init.input().fromJson(new ByteArrayInputStream(payload));
            } catch (RuntimeException e) {
                return ErrorDocument.of(new RuntimeException("An error occurred during JSON parsing", e));
            }
            @SuppressWarnings("unchecked")
            Object result = ((RequestHandler<Object, Object>) init.handler()).handleRequest(input, context);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            init.output().toJson(result, out);
            return new InvocationResult.Success(out.toByteArray());
        } catch (Throwable thrown) {
            return ErrorDocument.of(thrown instanceof InvocationTargetException ite ? ite.getCause() : thrown);
        } finally {
            FunctionLogs.leave();
        }
    }

    /**
     * How long the runtime waits for an invocation: the function's timeout, plus Lambda's init limit for a function
     * in processes, whose timeout starts only once its environment is initialised (FunctionProcess enforces both).
     */
    int watchSeconds() {
        return definition.timeoutSeconds() + (processes != null ? FunctionProcess.INIT_SECONDS : 0);
    }

    /** Stops the function's processes, if it has any. */
    void close() {
        if (processes != null) {
            processes.close();
        }
    }

    static String newRequestId() {
        return RequestIds.next();
    }

    private Initialised initialised() throws Exception {
        Initialised init = initialised;
        if (init == null) {
            synchronized (this) {
                init = initialised;
                if (init == null) {
                    init = initialise();
                    initialised = init;
                }
            }
        }
        return init;
    }

    private Initialised initialise() throws Exception {
        Class<?> type = Class.forName(definition.handlerClass(), true, LocalFunction.class.getClassLoader());
        Object handler = factory.create(definition, type);
        if (handler instanceof RequestStreamHandler) {
            return new Initialised(handler, null, null);
        }
        if (!(handler instanceof RequestHandler<?, ?>) || !definition.handlerMethod().equals("handleRequest")) {
            throw new IllegalStateException(definition.handlerClass() + "::" + definition.handlerMethod()
                    + " is not a RequestHandler or RequestStreamHandler handleRequest method");
        }
        Type[] io = requestHandlerTypes(type);
        return new Initialised(handler, serializerFor(io[0]), serializerFor(io[1]));
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        throw new IllegalStateException(type.getName() + " does not declare RequestHandler's type arguments");
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw,
                    LocalFunction.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
