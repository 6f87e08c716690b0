package dev.ordersprofiles.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A stand-in for the Lambda Java runtime, for cold-start and warm-path measurements: loads the handler class by
 * name, builds it with its no-arg constructor (the init phase), turns the event JSON into the handler's input type
 * with aws-lambda-java-serialization as the runtime does (the event serializers for
 * {@code com.amazonaws.services.lambda.runtime.events} types, Jackson POJO serialization otherwise), calls
 * {@code handleRequest} and serialises the result the same way.
 *
 * <p>Usage: {@code LambdaSim <handler class> <event.json> [invocations]}. Prints one JSON line to stderr with the
 * timings and exits 0; exits 2 when a response carries an HTTP status >= 400, so a broken run never passes for a
 * fast one. With invocations > 1 it also reports latency percentiles of invocations 2..n (the warm path).
 */
public final class LambdaSim {

    private LambdaSim() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args.length < 2) {
            System.err.println("usage: LambdaSim <handler class> <event.json> [invocations]");
            System.exit(64);
        }
        int invocations = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int worstStatus = run(start, args[0], Path.of(args[1]), invocations);
        // Lambda freezes the process after the response; a fresh process per cold start is what we measure.
        System.exit(worstStatus >= 400 ? 2 : 0);
    }

    /** Runs {@code invocations} invocations of a fresh handler instance; prints the timings; returns the worst status. */
    static int run(long start, String handlerName, Path eventFile, int invocations) throws Exception {
        ClassLoader loader = LambdaSim.class.getClassLoader();

        Class<?> handlerClass = Class.forName(handlerName, true, loader);
        Object instance = handlerClass.getConstructor().newInstance();
        long initDone = System.nanoTime();

        // As the runtime does for Handler "Class::handleRequest": the overload with the most parameters wins, so a
        // class that is also a RequestStreamHandler gets the raw bytes and no runtime serialisation is set up.
        Invoker invoker;
        // BENCH_TYPED=1 forces the typed RequestHandler path with the runtime's serializers: the "before" figure of
        // the byte-stream entry points (docs/performance.md).
        boolean typed = "1".equals(System.getenv("BENCH_TYPED")) && instance instanceof RequestHandler<?, ?>;
        if (instance instanceof RequestStreamHandler stream && !typed) {
            invoker = (bytes, context, out) -> stream.handleRequest(new ByteArrayInputStream(bytes), out, context);
        } else {
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
            Type[] io = requestTypes(handlerClass);
            PojoSerializer<Object> input = serializer(io[0], loader);
            PojoSerializer<Object> output = serializer(io[1], loader);
            invoker = (bytes, context, out) ->
                    output.toJson(handler.handleRequest(input.fromJson(new ByteArrayInputStream(bytes)), context), out);
        }
        byte[] event = Files.readAllBytes(eventFile);
        long serializersReady = System.nanoTime();

        long[] nanos = new long[invocations];
        int worstStatus = 0;
        String firstResponse = "";
        for (int i = 0; i < invocations; i++) {
            long t = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            invoker.invoke(event, new SimContext(requestId(i)), out);
            nanos[i] = System.nanoTime() - t;
            String json = out.toString(StandardCharsets.UTF_8);
            if (i == 0) {
                firstResponse = json;
            }
            worstStatus = Math.max(worstStatus, statusCode(json));
        }
        long end = System.nanoTime();
        // BENCH_LATENCIES=<file>: every invocation's latency in ms, one per line in order (where a tail comes from).
        String latencies = System.getenv("BENCH_LATENCIES");
        if (latencies != null && !latencies.isEmpty()) {
            StringBuilder all = new StringBuilder(invocations * 8);
            for (long n : nanos) {
                all.append(ms(n)).append('\n');
            }
            Files.writeString(Path.of(latencies), all);
        }

        StringBuilder line = new StringBuilder(256);
        line.append("{\"handler\":\"").append(handlerClass.getSimpleName()).append('"')
                .append(",\"initMs\":").append(ms(initDone - start))
                .append(",\"serializerSetupMs\":").append(ms(serializersReady - initDone))
                .append(",\"firstInvokeMs\":").append(ms(nanos[0]))
                .append(",\"mainMs\":").append(ms(end - start))
                .append(",\"worstStatus\":").append(worstStatus);
        if (invocations > 1) {
            long[] warm = Arrays.copyOfRange(nanos, 1, invocations);
            Arrays.sort(warm);
            line.append(",\"warmInvocations\":").append(warm.length)
                    .append(",\"warmP50Ms\":").append(ms(pct(warm, 50)))
                    .append(",\"warmP90Ms\":").append(ms(pct(warm, 90)))
                    .append(",\"warmP99Ms\":").append(ms(pct(warm, 99)))
                    .append(",\"warmMaxMs\":").append(ms(warm[warm.length - 1]));
        }
        line.append('}');
        System.err.println(line);
        if (worstStatus >= 400) {
            System.err.println("first response: " + firstResponse);
        }
        return worstStatus;
    }

    /** The I and O of {@code RequestHandler<I, O>} as declared by the handler class. */
    private static Type[] requestTypes(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler<I, O>");
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /**
     * A request id in the shape Lambda gives (a UUID), from a counter. Not {@code UUID.randomUUID()}: its
     * SecureRandom set-up (~10 ms, and the security providers behind it) would be charged to the function's cold
     * start, and the runtime gets its ids from the Runtime API instead. Nor a regex below, for the same reason.
     */
    static String requestId(int invocation) {
        String n = Integer.toString(invocation);
        return "00000000-0000-4000-8000-" + "0".repeat(12 - n.length()) + n;
    }

    /** The statusCode of a proxy response (0 when there is none): digits after "statusCode", a colon and spaces. */
    static int statusCode(String json) {
        int at = json.indexOf("\"statusCode\"");
        if (at < 0) {
            return 0;
        }
        int i = at + "\"statusCode\"".length();
        while (i < json.length() && (json.charAt(i) == ' ' || json.charAt(i) == ':')) {
            i++;
        }
        int status = 0;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            status = status * 10 + (json.charAt(i++) - '0');
        }
        return status;
    }

    private static long pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Nanoseconds as milliseconds with three decimals, by hand: {@code String.format("%.3f")} loads the regex engine
     * and the locale providers (~10 ms), which the process's wall time would charge to the function.
     */
    static String ms(long nanos) {
        long micros = (nanos + 500) / 1000;
        String fraction = Long.toString(micros % 1000);
        return micros / 1000 + "." + "0".repeat(3 - fraction.length()) + fraction;
    }

    private interface Invoker {
        void invoke(byte[] event, Context context, java.io.OutputStream out) throws Exception;
    }

    /** The Lambda context of a simulated invocation (also used by the JMH benchmark). */
    record SimContext(String requestId) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bench");
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 20_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.write(message, 0, message.length);
                }
            };
        }
    }
}
