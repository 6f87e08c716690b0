package dev.ordersprofiles.local.asl;

/** SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat refused, for a reason Step Functions names. */
public final class TaskTokenRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reasons, as Step Functions' error names. */
    public enum Reason {
        /** Not a token this service issues. */
        InvalidToken,
        /** A well-formed token this service does not know (never issued, or forgotten). */
        TaskDoesNotExist,
        /** The token's task has ended: answered, timed out, or stopped with its execution. */
        TaskTimedOut,
        /** SendTaskSuccess's output is not JSON. */
        InvalidOutput
    }

    private final Reason reason;

    TaskTokenRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
