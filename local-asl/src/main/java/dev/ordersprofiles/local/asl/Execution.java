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
 *
 * <p>With a {@link ExecutionJournal} every event is written to the journal as it is appended (under the same lock,
 * so the journal's order is the history's order), and a closed execution keeps its history only there: in memory
 * it is then a summary of a few hundred bytes, which is what bounds the heap (docs/architecture.md, "Durable
 * executions"). A redrive starts a new run of the same execution; events and closes of an older run are dropped.
 */
public final class Execution {

    private final String arn;
    private final String name;
    private final StateMachine stateMachine;
    private final JsonNode input;
    private final Instant startDate;
    private final ExecutionJournal journal;
    /** The mock test case it runs with (docs/architecture.md §9, "Mocked service integrations"), or null. */
    private final MockTestCase mocks;
    /** Set on a TestState run only: what the interpreter reports about the state under test. */
    private volatile StateTest.Probe probe;
    /** An execution of an EXPRESS state machine: never journaled, at most five minutes (docs/architecture.md §8.3). */
    private final boolean express;
    /** The Map Run that started it, when it is a child workflow execution of a Distributed Map, else null. */
    private final String mapRunArn;
    private List<HistoryEvent> events = new ArrayList<>();
    private long eventCount;
    private CompletableFuture<Execution> completion = new CompletableFuture<>();

    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private JsonNode output;
    private String error;
    private String cause;
    private Instant stopDate;
    private int run = 1;
    private int redriveCount;
    private Instant redriveDate;

    Execution(String arn, String name, StateMachine stateMachine, JsonNode input, Instant startDate,
              ExecutionJournal journal) {
        this(arn, name, stateMachine, input, startDate, journal, null);
    }

    Execution(String arn, String name, StateMachine stateMachine, JsonNode input, Instant startDate,
              ExecutionJournal journal, MockTestCase mocks) {
        this(arn, name, stateMachine, input, startDate, journal, mocks, false, null);
    }

    Execution(String arn, String name, StateMachine stateMachine, JsonNode input, Instant startDate,
              ExecutionJournal journal, MockTestCase mocks, boolean express, String mapRunArn) {
        this.express = express;
        this.mapRunArn = mapRunArn;
        this.mocks = mocks;
        this.arn = arn;
        this.name = name;
        this.stateMachine = stateMachine;
        this.input = input;
        this.startDate = startDate;
        this.journal = journal;
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

    /** True for an execution of an EXPRESS state machine (an {@code :express:} ARN, kept in memory only). */
    public boolean isExpress() {
        return express;
    }

    /** The Map Run that dispatched this child workflow execution, if a Distributed Map did. */
    public java.util.Optional<String> mapRunArn() {
        return java.util.Optional.ofNullable(mapRunArn);
    }

    StateTest.Probe probe() {
        return probe;
    }

    void probe(StateTest.Probe value) {
        this.probe = value;
    }

    /** The mock test case this execution runs with, if it was started with one. */
    public java.util.Optional<MockTestCase> mockTestCase() {
        return java.util.Optional.ofNullable(mocks);
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

    public synchronized int redriveCount() {
        return redriveCount;
    }

    /** When the execution was last redriven, else null. */
    public synchronized Instant redriveDate() {
        return redriveDate;
    }

    /** A snapshot of the history so far, oldest first (read back from the journal once the execution closed). */
    public List<HistoryEvent> history() {
        synchronized (this) {
            if (events != null) {
                return List.copyOf(events);
            }
        }
        return journal.history(this);
    }

    /** Completes (never exceptionally) when the execution leaves RUNNING. */
    public synchronized CompletableFuture<Execution> completion() {
        return completion.copy();
    }

    synchronized boolean isClosed() {
        return status != ExecutionStatus.RUNNING;
    }

    /** The current run: 1, plus one per redrive. */
    synchronized int run() {
        return run;
    }

    synchronized long lastEventId() {
        return eventCount;
    }

    /**
     * Appends an event of run {@code ofRun} unless the execution is closed or redriven since; returns its id (0
     * when dropped). A negative {@code visit} makes the event its own visit (a StateEntered event).
     */
    synchronized long append(int ofRun, Instant at, String type, long previous, String state, long visit,
                             ObjectNode details) {
        if (isClosed() || ofRun != run) {
            return 0;
        }
        long id = eventCount + 1;
        add(new HistoryEvent(id, previous, at, type, state, visit < 0 ? id : visit, details));
        return id;
    }

    /** Journals a note of run {@code ofRun} (see {@link ExecutionJournal#noted}) unless the run has ended. */
    synchronized void note(int ofRun, ObjectNode note) {
        if (isClosed() || ofRun != run || journal == null) {
            return;
        }
        journal.noted(this, note);
    }

    /** The notes journaled for this execution, oldest first (none without a journal). */
    List<ObjectNode> notes() {
        return journal == null ? List.of() : journal.notes(this);
    }

    /** Closes run {@code ofRun} with a final event; returns false when it was already closed or redriven since. */
    boolean close(int ofRun, Instant at, ExecutionStatus finalStatus, JsonNode finalOutput, String finalError,
                  String finalCause, String eventType, long previous, ObjectNode details) {
        CompletableFuture<Execution> done;
        synchronized (this) {
            if (isClosed() || ofRun != run) {
                return false;
            }
            add(new HistoryEvent(eventCount + 1, previous, at, eventType, null, 0, details));
            setClosed(finalStatus, finalOutput, finalError, finalCause, at);
            done = completion;
        }
        done.complete(this);
        return true;
    }

    /** RedriveExecution: a closed, unsuccessful execution runs again; returns the new run's number. */
    synchronized int reopen(Instant at) {
        if (!isClosed() || status == ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("Execution with status " + status + " cannot be redriven: '" + arn + "'");
        }
        if (events == null) {
            events = new ArrayList<>(journal.history(this));
        }
        run++;
        redriveCount++;
        redriveDate = at;
        status = ExecutionStatus.RUNNING;
        output = null;
        error = null;
        cause = null;
        stopDate = null;
        completion = new CompletableFuture<>();
        add(new HistoryEvent(eventCount + 1, eventCount, at, "ExecutionRedriven", null, 0,
                Json.object().put("redriveCount", redriveCount)));
        return run;
    }

    /** Restores the state a journal recorded (before any reader sees the execution). */
    synchronized void restore(List<HistoryEvent> history, ExecutionStatus restoredStatus, JsonNode restoredOutput,
                              String restoredError, String restoredCause, Instant restoredStop, int redrives,
                              Instant lastRedrive) {
        eventCount = history.size();
        redriveCount = redrives;
        redriveDate = lastRedrive;
        run = redrives + 1;
        if (restoredStatus == ExecutionStatus.RUNNING) {
            events = new ArrayList<>(history);
        } else {
            setClosed(restoredStatus, restoredOutput, restoredError, restoredCause, restoredStop);
            completion.complete(this);
        }
    }

    private void add(HistoryEvent event) {
        eventCount = event.id();
        if (events != null) {
            events.add(event);
        }
        if (journal != null) {
            journal.appended(this, event);
        }
    }

    private void setClosed(ExecutionStatus finalStatus, JsonNode finalOutput, String finalError, String finalCause,
                           Instant at) {
        status = finalStatus;
        output = finalOutput;
        error = finalError;
        cause = finalCause;
        stopDate = at;
        if (journal != null) {
            events = null; // the journal holds the history from now on
        }
    }
}
