package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mock configuration file in the format of AWS Step Functions Local's mocked service integrations:
 * <pre>
 * {"StateMachines": {"&lt;machine name&gt;": {"TestCases": {"&lt;test case&gt;": {"&lt;state&gt;": "&lt;mocked response&gt;"}}}},
 *  "MockedResponses": {"&lt;mocked response&gt;": {"0": {"Return": ...}, "1-2": {"Throw": {"Error": ..., "Cause": ...}}}}}
 * </pre>
 * A mocked response answers a Task state's attempts by number: {@code "0"} is the first attempt, {@code "1-2"} the
 * second and third (the Task's retries). The numbers must run on from 0 without a gap. Everything is checked when
 * the file is read, so a bad file fails the start, naming what is wrong, instead of an execution.
 */
public final class MockConfig {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,6})(?:-(\\d{1,6}))?");

    private final Map<String, Map<String, MockTestCase>> testCases;

    private MockConfig(Map<String, Map<String, MockTestCase>> testCases) {
        this.testCases = testCases;
    }

    /** A configuration with no test case. */
    public static MockConfig empty() {
        return new MockConfig(Map.of());
    }

    /**
     * Reads a mock configuration file's text.
     *
     * @throws IllegalArgumentException naming the first thing that is not as the format wants
     */
    public static MockConfig parse(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the mock configuration is not JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("the mock configuration must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("StateMachines") && !name.equals("MockedResponses")) {
                throw new IllegalArgumentException("the mock configuration has an unknown field '" + name
                        + "' (StateMachines and MockedResponses are the fields)");
            }
        }
        Map<String, List<MockedResponse>> responses = new LinkedHashMap<>();
        JsonNode mocked = object(root, "MockedResponses", "the mock configuration");
        mocked.fields().forEachRemaining(e -> responses.put(e.getKey(), responses(e.getKey(), e.getValue())));
        Map<String, Map<String, MockTestCase>> machines = new LinkedHashMap<>();
        JsonNode stateMachines = object(root, "StateMachines", "the mock configuration");
        stateMachines.fields().forEachRemaining(machine -> {
            String where = "state machine '" + machine.getKey() + "'";
            if (!machine.getValue().isObject()) {
                throw new IllegalArgumentException(where + " must be an object with TestCases");
            }
            JsonNode cases = object(machine.getValue(), "TestCases", where);
            Map<String, MockTestCase> byName = new LinkedHashMap<>();
            cases.fields().forEachRemaining(testCase -> {
                String caseWhere = "test case '" + testCase.getKey() + "' of " + where;
                if (!testCase.getValue().isObject()) {
                    throw new IllegalArgumentException(caseWhere + " must map state names to mocked response names");
                }
                Map<String, MockTestCase.StateMock> states = new LinkedHashMap<>();
                testCase.getValue().fields().forEachRemaining(state -> {
                    if (!state.getValue().isTextual()) {
                        throw new IllegalArgumentException("state '" + state.getKey() + "' in " + caseWhere
                                + " must name a mocked response");
                    }
                    String response = state.getValue().asText();
                    List<MockedResponse> list = responses.get(response);
                    if (list == null) {
                        throw new IllegalArgumentException("state '" + state.getKey() + "' in " + caseWhere
                                + " names the mocked response '" + response + "', which MockedResponses does not have");
                    }
                    states.put(state.getKey(), new MockTestCase.StateMock(response, list));
                });
                byName.put(testCase.getKey(), new MockTestCase(machine.getKey(), testCase.getKey(), states));
            });
            machines.put(machine.getKey(), Map.copyOf(byName));
        });
        return new MockConfig(Map.copyOf(machines));
    }

    /** The test case {@code testCaseName} of the state machine named {@code stateMachineName}, if the file has it. */
    public Optional<MockTestCase> testCase(String stateMachineName, String testCaseName) {
        return Optional.ofNullable(testCases.getOrDefault(stateMachineName, Map.of()).get(testCaseName));
    }

    private static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode value = parent.get(field);
        if (value == null) {
            return Json.object();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("the " + field + " of " + where + " must be a JSON object");
        }
        return value;
    }

    /** One mocked response's attempts, "0", "1-2", ..., expanded to one entry per attempt. */
    private static List<MockedResponse> responses(String name, JsonNode node) {
        String where = "mocked response '" + name + "'";
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException(where + " must be an object of attempts (\"0\", \"1-2\", ...)");
        }
        Map<Integer, int[]> ranges = new java.util.TreeMap<>();
        Map<Integer, MockedResponse> byStart = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            Matcher m = RANGE.matcher(e.getKey().strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(where + " has the attempt key '" + e.getKey()
                        + "': a key is a number (\"0\") or a range (\"1-2\")");
            }
            int start = Integer.parseInt(m.group(1));
            int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
            if (end < start) {
                throw new IllegalArgumentException(where + " has the range '" + e.getKey() + "', which ends before it starts");
            }
            if (ranges.put(start, new int[] {start, end}) != null) {
                throw new IllegalArgumentException(where + " gives attempt " + start + " twice");
            }
            byStart.put(start, response(where + ", attempt '" + e.getKey() + "'", e.getValue()));
        });
        List<MockedResponse> expanded = new ArrayList<>();
        int next = 0;
        for (int[] range : ranges.values()) {
            if (range[0] != next) {
                throw new IllegalArgumentException(where + " must number its attempts from 0 without a gap or an "
                        + "overlap: attempt " + next + " is " + (range[0] > next ? "missing" : "given twice"));
            }
            for (int i = range[0]; i <= range[1]; i++) {
                expanded.add(byStart.get(range[0]));
            }
            next = range[1] + 1;
        }
        return List.copyOf(expanded);
    }

    private static MockedResponse response(String where, JsonNode node) {
        if (!node.isObject() || node.size() != 1 || !(node.has("Return") || node.has("Throw"))) {
            throw new IllegalArgumentException(where + " must be {\"Return\": ...} or {\"Throw\": {\"Error\": ..., "
                    + "\"Cause\": ...}}");
        }
        if (node.has("Return")) {
            return new MockedResponse.Return(node.get("Return"));
        }
        JsonNode thrown = node.get("Throw");
        if (!thrown.isObject() || !thrown.path("Error").isTextual()
                || (thrown.has("Cause") && !thrown.get("Cause").isTextual())) {
            throw new IllegalArgumentException(where + ": Throw needs a string Error and, optionally, a string Cause");
        }
        for (Iterator<String> names = thrown.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("Error") && !field.equals("Cause")) {
                throw new IllegalArgumentException(where + ": Throw has an unknown field '" + field + "'");
            }
        }
        return new MockedResponse.Throw(thrown.get("Error").asText(),
                thrown.has("Cause") ? thrown.get("Cause").asText() : null);
    }
}
