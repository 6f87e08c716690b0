package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a state machine: what DescribeExecution and GetExecutionHistory show. Thread-safe; the
 * interpreter appends history while readers take snapshots.
 */
public final class Execution {

    private final String arn;
    private final String name;
    private final StateMachine stateMachine;
    private final JsonNode input;
    private final Instant startDate;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final CompletableFuture<Execution> completion = new CompletableFuture<>();

    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private JsonNode output;
    private String error;
    private String cause;
    private Instant stopDate;

    Execution(String arn, String name, StateMachine stateMachine, JsonNode input, Instant startDate) {
        this.arn = arn;
        this.name = name;
        this.stateMachine = stateMachine;
        this.input = input;
        this.startDate = startDate;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public JsonNode input() {
        return input.deepCopy();
    }

    public Instant startDate() {
        return startDate;
    }

    public synchronized ExecutionStatus status() {
        return status;
    }

    /** The output once SUCCEEDED, else null. */
    public synchronized JsonNode output() {
        return output == null ? null : output.deepCopy();
    }

    /** The error name once FAILED, TIMED_OUT or ABORTED (may be null for ABORTED). */
    public synchronized String error() {
        return error;
    }

    public synchronized String cause() {
        return cause;
    }

    public synchronized Instant stopDate() {
        return stopDate;
    }

    /** A snapshot of the history so far, oldest first. */
    public synchronized List<HistoryEvent> history() {
        return List.copyOf(events);
    }

    /** Completes (never exceptionally) when the execution leaves RUNNING. */
    public CompletableFuture<Execution> completion() {
        return completion.copy();
    }

    synchronized boolean isClosed() {
        return status != ExecutionStatus.RUNNING;
    }

    /**
     * Appends an event unless the execution is already closed; returns its id (0 when dropped).
     * A negative {@code visit} makes the event its own visit (a StateEntered event).
     */
    synchronized long append(Instant at, String type, long previous, String state, long visit, ObjectNode details) {
        if (isClosed()) {
            return 0;
        }
        long id = events.size() + 1L;
        events.add(new HistoryEvent(id, previous, at, type, state, visit < 0 ? id : visit, details));
        return id;
    }

    /** Closes the execution with a final event; returns false when it was already closed. */
    boolean close(Instant at, ExecutionStatus finalStatus, JsonNode finalOutput, String finalError, String finalCause,
                  String eventType, long previous, ObjectNode details) {
        synchronized (this) {
            if (isClosed()) {
                return false;
            }
            long id = events.size() + 1L;
            events.add(new HistoryEvent(id, previous, at, eventType, null, 0, details));
            status = finalStatus;
            output = finalOutput;
            error = finalError;
            cause = finalCause;
            stopDate = at;
        }
        completion.complete(this);
        return true;
    }
}
