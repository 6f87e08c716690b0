package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One test case of a {@link MockConfig}: which Task states are mocked, and with what per attempt. An execution
 * started with it answers those states from here and never calls their service; every other state runs as usual.
 */
public final class MockTestCase {

    /** A state's mocked response: its name in the file and its answers, one per attempt. */
    record StateMock(String responseName, List<MockedResponse> attempts) {}

    private final String stateMachineName;
    private final String name;
    private final Map<String, StateMock> states;

    MockTestCase(String stateMachineName, String name, Map<String, StateMock> states) {
        this.stateMachineName = stateMachineName;
        this.name = name;
        this.states = Map.copyOf(states);
    }

    public String stateMachineName() {
        return stateMachineName;
    }

    public String name() {
        return name;
    }

    /** Whether the state named {@code state} is mocked in this test case. */
    public boolean mocks(String state) {
        return states.containsKey(state);
    }

    /**
     * The answer to attempt {@code attempt} (0 the first, 1 the first retry...) of {@code state}; empty when the
     * file gives none for that attempt.
     */
    public Optional<MockedResponse> response(String state, int attempt) {
        StateMock mock = states.get(state);
        return mock == null || attempt >= mock.attempts().size() ? Optional.empty()
                : Optional.of(mock.attempts().get(attempt));
    }

    /** The mocked response's name for a mocked state (for messages). */
    String responseName(String state) {
        return states.get(state).responseName();
    }

    /** This test case as JSON, as the journal keeps it so that a resumed execution is mocked as it started. */
    JsonNode toJson() {
        ObjectNode out = Json.object();
        out.put("stateMachine", stateMachineName);
        out.put("name", name);
        ObjectNode byState = out.putObject("states");
        states.forEach((state, mock) -> {
            ObjectNode entry = byState.putObject(state);
            entry.put("response", mock.responseName());
            ArrayNode attempts = entry.putArray("attempts");
            for (MockedResponse r : mock.attempts()) {
                ObjectNode a = attempts.addObject();
                if (r instanceof MockedResponse.Return ret) {
                    a.set("Return", ret.value());
                } else if (r instanceof MockedResponse.Throw t) {
                    ObjectNode thrown = a.putObject("Throw");
                    thrown.put("Error", t.error());
                    if (t.cause() != null) {
                        thrown.put("Cause", t.cause());
                    }
                }
            }
        });
        return out;
    }

    static MockTestCase fromJson(JsonNode node) {
        Map<String, StateMock> states = new LinkedHashMap<>();
        node.path("states").fields().forEachRemaining(e -> {
            List<MockedResponse> attempts = new ArrayList<>();
            for (JsonNode a : e.getValue().path("attempts")) {
                attempts.add(a.has("Return") ? new MockedResponse.Return(a.get("Return"))
                        : new MockedResponse.Throw(a.path("Throw").path("Error").asText(),
                                a.path("Throw").hasNonNull("Cause") ? a.path("Throw").get("Cause").asText() : null));
            }
            states.put(e.getKey(), new StateMock(e.getValue().path("response").asText(), List.copyOf(attempts)));
        });
        return new MockTestCase(node.path("stateMachine").asText(), node.path("name").asText(), states);
    }
}
