package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The TestState API: one state definition run alone, once, on an input, as Step Functions' TestState does. Its
 * outcome is a status: SUCCEEDED (with the output and the next state), CAUGHT_ERROR (a Catch took the error: the
 * error, the cause, the catcher's output and next state), RETRIABLE (a Retrier matches the error: the error and
 * cause; TestState does not retry) or FAILED. With inspection level DEBUG (and TRACE, the same here) the
 * inspection data show the input after each processing stage.
 */
public final class StateTest {

    /** How much TestState reports. */
    public enum Level { INFO, DEBUG, TRACE }

    /** TestState's answer; absent values are null. */
    public record Result(String status, JsonNode output, String error, String cause, String nextState,
                         ObjectNode inspectionData) {}

    /** What the interpreter tells a TestState run about the state under test. */
    static final class Probe {
        final ObjectNode inspection = Json.object();
        final Map<String, JsonNode> variables = new LinkedHashMap<>();
        volatile boolean retriable;
        volatile StatesError caught;
    }

    static final String NAME = "TestState";

    private StateTest() {}

    /**
     * Runs {@code stateDefinition} (one state's JSON) on {@code inputJson} with the workflow variables
     * {@code variablesJson} (a JSON object, or null), waiting at most {@code limit}.
     *
     * @throws AslDefinitionException when the state definition is not valid ASL
     * @throws IllegalArgumentException when the input or the variables are not JSON (the variables: an object)
     */
    public static Result run(Executions executions, String region, String accountId, String stateDefinition,
                             String inputJson, String variablesJson, Level level, Duration limit) {
        JsonNode state;
        try {
            state = Json.parse(stateDefinition);
        } catch (IllegalArgumentException e) {
            throw new AslDefinitionException("the state definition is not JSON");
        }
        if (!(state instanceof ObjectNode object)) {
            throw new AslDefinitionException("the state definition must be a JSON object");
        }
        JsonNode input = Json.parse(inputJson == null ? "{}" : inputJson);
        Probe probe = new Probe();
        if (variablesJson != null) {
            JsonNode variables = Json.parse(variablesJson);
            if (!variables.isObject()) {
                throw new IllegalArgumentException("the variables must be a JSON object");
            }
            variables.fields().forEachRemaining(e -> probe.variables.put(e.getKey(), e.getValue()));
        }
        StateMachine machine = StateMachine.load(StateMachine.arnFor(region, accountId, NAME),
                Json.write(wrap(object)));
        probe.inspection.put("input", Json.write(input));
        if (!probe.variables.isEmpty()) {
            ObjectNode vars = Json.object();
            probe.variables.forEach(vars::set);
            probe.inspection.put("variables", Json.write(vars));
        }
        Result result;
        try {
            Interpreter.Transition t = executions.testState(machine, input, probe).get(limit.toMillis(),
                    TimeUnit.MILLISECONDS);
            StatesError caught = probe.caught;
            result = caught != null
                    ? new Result("CAUGHT_ERROR", t.output(), caught.error(), caught.causeOrNull(), t.next(), null)
                    : new Result("SUCCEEDED", t.output(), null, null, t.next(), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            StatesError error = cause instanceof StatesError se ? se
                    : new StatesError(StatesError.RUNTIME, String.valueOf(cause.getMessage()));
            result = new Result(probe.retriable ? "RETRIABLE" : "FAILED", null, error.error(), error.causeOrNull(),
                    null, null);
        } catch (TimeoutException | CancellationException e) {
            result = new Result("FAILED", null, StatesError.TIMEOUT, "TestState ran past " + limit.toSeconds()
                    + " seconds", null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Result("FAILED", null, StatesError.RUNTIME, "interrupted", null, null);
        }
        if (level == Level.INFO) {
            return result;
        }
        return new Result(result.status(), result.output(), result.error(), result.cause(), result.nextState(),
                probe.inspection.deepCopy());
    }

    /**
     * A definition the parser accepts: the state as the start state, and a Succeed placeholder for every state it
     * may go to (Next, Default, the Choices' and Catchers' Next), which never runs.
     */
    private static ObjectNode wrap(ObjectNode state) {
        List<String> targets = new ArrayList<>();
        target(state.get("Next"), targets);
        target(state.get("Default"), targets);
        for (String list : List.of("Choices", "Catch")) {
            if (state.get(list) instanceof ArrayNode items) {
                items.forEach(item -> target(item.get("Next"), targets));
            }
        }
        ObjectNode machine = Json.object();
        if (state.has("QueryLanguage")) {
            machine.set("QueryLanguage", state.get("QueryLanguage"));
        }
        machine.put("StartAt", NAME);
        ObjectNode states = machine.putObject("States");
        for (String target : targets) {
            if (!target.equals(NAME)) {
                states.putObject(target).put("Type", "Succeed");
            }
        }
        states.set(NAME, state);
        return machine;
    }

    private static void target(JsonNode next, List<String> targets) {
        if (next != null && next.isTextual() && !targets.contains(next.asText())) {
            targets.add(next.asText());
        }
    }
}
