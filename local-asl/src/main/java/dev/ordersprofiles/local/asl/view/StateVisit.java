package dev.ordersprofiles.local.asl.view;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordersprofiles.local.asl.Execution;
import dev.ordersprofiles.local.asl.ExecutionStatus;
import dev.ordersprofiles.local.asl.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry into a state, rebuilt from the history: its input, output, task attempts and failures.
 *
 * @param outcome {@code exited}, {@code caught} (exited through a Catch), {@code failed} (the error left the state)
 *                or {@code running}
 */
public record StateVisit(long id, String name, String type, Instant entered, Instant exited, JsonNode input,
                         JsonNode output, int attempts, List<Failure> failures, String outcome) {

    /** A failed task attempt or the error that left the state. */
    public record Failure(String event, String error, String cause) {}

    /** Exact decimals, as in the interpreter: the view never turns 42.50 into 42.5. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    public int retries() {
        return Math.max(0, attempts - 1);
    }

    /** The visits of an execution in the order they were entered. */
    public static List<StateVisit> of(Execution execution) {
        Map<Long, Builder> visits = new LinkedHashMap<>();
        for (HistoryEvent e : execution.history()) {
            String type = e.type();
            if (type.endsWith("StateEntered")) {
                Builder b = new Builder(e.id(), e.stateName(), type.substring(0, type.length() - "StateEntered".length()),
                        e.timestamp(), parse(e.details().path("input").asText(null)));
                visits.put(e.id(), b);
                continue;
            }
            Builder b = visits.get(e.visitId());
            if (b == null) {
                continue;
            }
            if (type.endsWith("StateExited")) {
                b.exited = e.timestamp();
                b.output = parse(e.details().path("output").asText(null));
            } else if (type.endsWith("Scheduled")) {
                b.attempts++;
            } else if (type.endsWith("Succeeded")) {
                b.lastFailed = false;
            } else if (type.endsWith("Failed") || type.endsWith("TimedOut")) {
                b.lastFailed = true;
                if (e.details().has("error") || e.details().has("cause")) {
                    b.failures.add(new Failure(type, e.details().path("error").asText(null),
                            e.details().path("cause").asText(null)));
                }
            }
        }
        boolean closed = execution.status() != ExecutionStatus.RUNNING;
        List<StateVisit> out = new ArrayList<>();
        for (Builder b : visits.values()) {
            String outcome = b.exited != null ? (b.lastFailed ? "caught" : "exited") : closed ? "failed" : "running";
            out.add(new StateVisit(b.id, b.name, b.type, b.entered, b.exited, b.input, b.output, b.attempts,
                    List.copyOf(b.failures), outcome));
        }
        return out;
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static final class Builder {
        final long id;
        final String name;
        final String type;
        final Instant entered;
        final JsonNode input;
        final List<Failure> failures = new ArrayList<>();
        Instant exited;
        JsonNode output;
        int attempts;
        boolean lastFailed;

        Builder(long id, String name, String type, Instant entered, JsonNode input) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.entered = entered;
            this.input = input;
        }
    }
}
