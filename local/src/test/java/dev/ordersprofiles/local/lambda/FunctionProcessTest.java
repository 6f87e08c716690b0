package dev.ordersprofiles.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.lambda.child.ProbeFunction;
import dev.ordersprofiles.local.template.FunctionDef;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Functions in child JVMs: the real Runtime Interface Client on the test classes, fed over the Runtime API that
 * {@link FunctionProcess} serves.
 */
class FunctionProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LambdaRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void runsTheHandlerInAChildWithTheTemplatesEnvironmentAndKeepsItWarm() throws Exception {
        runtime = runtime(function("probe", ProbeFunction.class.getName(), 10, OptionalInt.empty()));

        JsonNode first = success(runtime.invoke("probe", bytes("{\"hello\":1}")));
        JsonNode second = success(runtime.invoke("probe", bytes("{\"hello\":2}")));

        assertThat(first.path("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(second.path("pid").asLong()).isEqualTo(first.path("pid").asLong());
        assertThat(first.path("greeting").asText()).isEqualTo("hi from the template");
        assertThat(first.path("function").asText()).isEqualTo("probe");
        assertThat(first.path("endpoint").asText()).isEqualTo("http://127.0.0.1:4567");
        assertThat(first.path("accessKey").asText()).isEqualTo("local");
        assertThat(first.path("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:probe");
        assertThat(first.path("remainingMs").asLong()).isBetween(1L, 10_000L);
        assertThat(first.path("maxHeapMb").asLong()).isLessThanOrEqualTo(256 * 85 / 100);
        assertThat(first.path("home").asText()).as("the stack's own environment is not passed on").isEmpty();
        assertThat(first.path("requestId").asText()).isNotEqualTo(second.path("requestId").asText());
    }

    @Test
    void anExceptionIsReportedAsTheJavaRuntimeReportsIt() throws Exception {
        runtime = runtime(function("probe", ProbeFunction.class.getName(), 10, OptionalInt.empty()));

        InvocationResult result = runtime.invoke("probe", bytes("\"fail\""));

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.errorMessage()).isEqualTo("boom");
        JsonNode doc = JSON.readTree(error.payload());
        assertThat(doc.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(doc.path("stackTrace").isArray()).isTrue();
        assertThat(success(runtime.invoke("probe", bytes("{}"))).has("pid")).as("the environment survives").isTrue();
    }

    @Test
    void aChildThatOverrunsItsTimeoutIsKilledAndReplaced() throws Exception {
        runtime = runtime(function("probe", ProbeFunction.class.getName(), 2, OptionalInt.empty()));
        long before = success(runtime.invoke("probe", bytes("{}"))).path("pid").asLong();

        InvocationResult result = runtime.invoke("probe", bytes("\"hang\""));

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        assertThat(((InvocationResult.FunctionError) result).errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(ProcessHandle.of(before).map(p -> p.onExit().join().isAlive()).orElse(false))
                .as("the child that overran is gone").isFalse();
        long after = success(runtime.invoke("probe", bytes("{}"))).path("pid").asLong();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aChildThatExitsAnswersRuntimeExitError() throws Exception {
        runtime = runtime(function("probe", ProbeFunction.class.getName(), 10, OptionalInt.empty()));

        InvocationResult result = runtime.invoke("probe", bytes("\"exit\""));

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.errorType()).isEqualTo("Runtime.ExitError");
        assertThat(error.errorMessage()).endsWith("exit status 3");
        assertThat(success(runtime.invoke("probe", bytes("{}"))).has("pid")).isTrue();
    }

    @Test
    void aHandlerClassThatIsNotThereIsAnInitError() throws Exception {
        runtime = runtime(function("missing", "dev.example.NoSuchHandler", 10, OptionalInt.empty()));

        InvocationResult result = runtime.invoke("missing", bytes("{}"));

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        System.out.println("init error: " + error.errorType() + " " + error.text());
        assertThat(error.text()).contains("NoSuchHandler");
    }

    @Test
    void closingTheRuntimeLeavesNoChildRunning() throws Exception {
        runtime = runtime(function("probe", ProbeFunction.class.getName(), 10, OptionalInt.empty()));
        long pid = success(runtime.invoke("probe", bytes("{}"))).path("pid").asLong();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        runtime.close();
        runtime = null;

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static LambdaRuntime runtime(FunctionDef function) {
        return new LambdaRuntime(List.of(function), "us-east-1", "local", "local", () -> 4567, 2);
    }

    private static FunctionDef function(String name, String handler, int timeoutSeconds, OptionalInt reserved)
            throws URISyntaxException {
        Path classes = Path.of(ProbeFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new FunctionDef(name, name, "arn:aws:lambda:us-east-1:000000000000:function:" + name, handler,
                "handleRequest", timeoutSeconds, 256, reserved, Map.of("GREETING", "hi from the template"),
                Optional.of(classes));
    }

    private static JsonNode success(InvocationResult result) throws Exception {
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        return JSON.readTree(((InvocationResult.Success) result).payload());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
