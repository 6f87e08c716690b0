package dev.ordersprofiles.local.asl;

import java.util.List;

/**
 * Where executions are kept beyond memory. {@link Execution} hands it every event as it is appended, under the
 * execution's lock; {@link Executions} reads back what survived a restart and forgets what retention evicts.
 */
public interface ExecutionJournal extends AutoCloseable {

    /** Records an event; the first event of an execution (id 1) also records the execution itself. */
    void appended(Execution execution, HistoryEvent event);

    /**
     * Records a note that is not a history event (a waiting task's token, a heartbeat), under the execution's lock,
     * for a resumed execution to read back with {@link #notes}. A journal that keeps none may ignore it.
     */
    default void noted(Execution execution, com.fasterxml.jackson.databind.node.ObjectNode note) {
    }

    /** The notes recorded for an execution, oldest first. */
    default List<com.fasterxml.jackson.databind.node.ObjectNode> notes(Execution execution) {
        return List.of();
    }

    /** The recorded history of an execution, oldest first. */
    List<HistoryEvent> history(Execution execution);

    /** Deletes what is recorded of an execution. */
    void forget(Execution execution);

    /** Every execution recorded, as read at start. */
    List<Recorded> recorded();

    @Override
    void close();

    /** An execution as recorded: its start, with the state machine definition it ran, and its history. */
    record Recorded(String arn, String name, String stateMachineArn, String definition, String input,
                    java.time.Instant startDate, List<HistoryEvent> history, MockTestCase mockTestCase,
                    String mapRunArn) {

        public Recorded(String arn, String name, String stateMachineArn, String definition, String input,
                        java.time.Instant startDate, List<HistoryEvent> history, MockTestCase mockTestCase) {
            this(arn, name, stateMachineArn, definition, input, startDate, history, mockTestCase, null);
        }

        public Recorded(String arn, String name, String stateMachineArn, String definition, String input,
                        java.time.Instant startDate, List<HistoryEvent> history) {
            this(arn, name, stateMachineArn, definition, input, startDate, history, null);
        }
    }
}
