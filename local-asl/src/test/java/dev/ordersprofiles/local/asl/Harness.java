package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Test harness: virtual time, scripted functions, one-line runs. */
final class Harness {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String SM_ARN = StateMachine.arnFor("us-east-1", "123456789012", "Test");
    static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    final VirtualScheduler scheduler = new VirtualScheduler(T0);
    final Map<String, Function<String, InvocationResult>> functions = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Executions executions = new Executions(this::invoke, scheduler, new Random(42), "us-east-1");

    private java.util.concurrent.CompletionStage<InvocationResult> invoke(String name, String payload) {
        calls.add(name + " " + payload);
        Function<String, InvocationResult> fn = functions.get(name);
        if (fn == null) {
            return CompletableFuture.completedFuture(
                    InvocationResult.functionError("ResourceNotFoundException", "no function " + name));
        }
        return CompletableFuture.completedFuture(fn.apply(payload));
    }

    Harness function(String name, Function<String, InvocationResult> behaviour) {
        functions.put(name, behaviour);
        functions.put(FN + name, behaviour);
        return this;
    }

    Harness returning(String name, String payload) {
        return function(name, in -> InvocationResult.success(payload));
    }

    Harness echo(String name) {
        return function(name, InvocationResult::success);
    }

    Execution run(String definition, String input) {
        return run(StateMachine.load(SM_ARN, definition), "exec", input);
    }

    Execution run(StateMachine machine, String name, String input) {
        Execution execution = executions.start(machine, name, input);
        return scheduler.runUntilDone(execution.completion());
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A Java string as a JSON string literal. */
    static String jsonString(String text) {
        return MAPPER.getNodeFactory().textNode(text).toString();
    }

    /** Single quotes to double quotes, so definitions read well in Java strings. */
    static String q(String text) {
        return text.replace('\'', '"');
    }

    static List<String> types(Execution execution) {
        return execution.history().stream().map(HistoryEvent::type).toList();
    }

    static List<HistoryEvent> events(Execution execution, String type) {
        return execution.history().stream().filter(e -> e.type().equals(type)).toList();
    }
}
