package dev.ordersprofiles.handlers.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function of sam/template.yaml starts from function.jar alone and runs its contract event the way the
 * Lambda Java runtime would: the handler class from a class loader that sees only the jar, the byte-stream
 * overload when there is one (the runtime takes the overload with the most parameters), otherwise the typed one
 * with the runtime's own event serializers (aws-lambda-java-serialization), which load classes such as joda-time's
 * DateTime through the function's class loader. A class missing from the jar fails here, not on AWS.
 */
class FunctionJarIT {
    private static final Path JAR = Path.of("target/function.jar");
    private static final Path TEMPLATE = Path.of("../sam/template.yaml");
    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("HealthHandler", "api-health-get"),
            Map.entry("UpsertProfileHandler", "api-profiles-post"),
            Map.entry("GetProfileHandler", "api-profiles-get"),
            Map.entry("PlaceOrderHandler", "api-orders-post"),
            Map.entry("GetOrderHandler", "api-orders-get"),
            Map.entry("ListMyOrdersHandler", "api-orders-list"),
            Map.entry("ValidateOrderHandler", "step-validate-order"),
            Map.entry("ReserveInventoryHandler", "step-validate-order"),
            Map.entry("ChargePaymentHandler", "step-validate-order"),
            Map.entry("ConfirmOrderHandler", "step-validate-order"),
            Map.entry("ReleaseInventoryHandler", "step-mark-order-failed"),
            Map.entry("RefundPaymentHandler", "step-mark-order-failed"),
            Map.entry("MarkOrderFailedHandler", "step-mark-order-failed"),
            Map.entry("WelcomeProfileHandler", "stream-profiles-insert"),
            Map.entry("ExpireStaleOrdersHandler", "schedule-orders-cleanup"),
            Map.entry("RdsWelcomeHandler", "rds-registrations-insert"));

    static Stream<String> templateHandlers() throws Exception {
        Matcher handler = Pattern.compile("Handler:\\s*([\\w.]+)::handleRequest").matcher(Files.readString(TEMPLATE));
        List<String> classes = new ArrayList<>();
        while (handler.find()) {
            classes.add(handler.group(1));
        }
        assertThat(classes).as("handlers in the template").hasSizeGreaterThanOrEqualTo(15);
        return classes.stream();
    }

    @ParameterizedTest
    @MethodSource("templateHandlers")
    void the_function_starts_from_the_jar_alone_and_answers_its_contract_event(String className) throws Exception {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        assertThat(EVENTS).as("a contract event for %s", simpleName).containsKey(simpleName);
        byte[] event = Files.readAllBytes(Path.of("../contracts/events/" + EVENTS.get(simpleName) + ".json"));

        try (URLClassLoader function = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(className, true, function);
            Object handler = type.getConstructor().newInstance();
            Class<?> contextType = function.loadClass("com.amazonaws.services.lambda.runtime.Context");
            Object context = Proxy.newProxyInstance(function, new Class<?>[] {contextType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAwsRequestId" -> "00000000-0000-4000-8000-000000000000";
                        case "getFunctionName" -> simpleName;
                        case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 10_000;
                        default -> null;
                    });
            try {
                String answer = invoke(type, handler, contextType, context, event, function);
                if (answer.contains("\"statusCode\"")) {
                    assertThat(answer).doesNotContain("\"statusCode\":5");
                }
            } catch (InvocationTargetException e) {
                // A business outcome (no such order in the empty in-memory store) is fine; a missing class is not.
                assertThat(e.getCause()).isNotInstanceOf(LinkageError.class);
                assertThat(e.getCause().getClass().getName()).startsWith("dev.ordersprofiles.");
            }
        }
    }

    private static String invoke(Class<?> type, Object handler, Class<?> contextType, Object context, byte[] event,
                                 ClassLoader function) throws Exception {
        try {
            Method streaming = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            streaming.invoke(handler, new ByteArrayInputStream(event), out, context);
            return out.toString(StandardCharsets.UTF_8);
        } catch (NoSuchMethodException typedOnly) {
            Class<?> eventType = eventType(type, function);
            Method typed = type.getMethod("handleRequest", Object.class, contextType);
            PojoSerializer<?> in = LambdaEventSerializers.serializerFor(eventType, function);
            Object answer = typed.invoke(handler, in.fromJson(new ByteArrayInputStream(event)), context);
            return String.valueOf(answer);
        }
    }

    /** The I of RequestHandler&lt;I, O&gt;, as the runtime finds it. */
    private static Class<?> eventType(Class<?> type, ClassLoader function) throws ClassNotFoundException {
        for (Type generic : type.getGenericInterfaces()) {
            if (generic instanceof ParameterizedType p
                    && p.getRawType().getTypeName().endsWith(".RequestHandler")) {
                Type input = p.getActualTypeArguments()[0];
                String name = input instanceof ParameterizedType pi ? pi.getRawType().getTypeName() : input.getTypeName();
                return Class.forName(name, false, function);
            }
        }
        throw new AssertionError(type + " is neither a RequestStreamHandler nor a RequestHandler");
    }
}
