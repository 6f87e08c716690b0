package dev.ordersprofiles.local.asl;

/** StartExecution with a name already used on this state machine but a different input. */
public final class ExecutionAlreadyExists extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExecutionAlreadyExists(String executionArn) {
        super("Execution Already Exists: '" + executionArn + "'");
    }
}
