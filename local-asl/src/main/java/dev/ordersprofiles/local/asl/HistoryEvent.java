package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One execution history event, named and shaped as in Step Functions' GetExecutionHistory
 * ({@code TaskStateEntered}, {@code TaskScheduled}, {@code TaskFailed}, {@code ExecutionSucceeded}, ...).
 *
 * @param stateName the state the event belongs to (null for execution-level events); not part of the AWS shape
 * @param visitId   id of the {@code *StateEntered} event of that state visit (0 for execution-level events)
 * @param details   the content of the AWS {@code ...EventDetails} object; inputs and outputs are JSON strings
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, String stateName,
                           long visitId, ObjectNode details) {

    /** The event as GetExecutionHistory returns it. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("previousEventId", previousEventId);
        json.put("timestamp", Times.format(timestamp));
        json.put("type", type);
        if (details != null && !details.isEmpty()) {
            ObjectNode shown = details.deepCopy();
            shown.remove(MapRuns.SETTINGS); // what a restart needs of a Map Run, not part of the AWS event
            json.set(detailsKey(type), shown);
        }
        return json;
    }

    static String detailsKey(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        if (type.startsWith("MapIteration")) {
            return "mapIteration" + type.substring("MapIteration".length()) + "EventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }
}
