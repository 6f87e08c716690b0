package dev.ordersprofiles.local.asl;

/**
 * An ASL error travelling through the interpreter: the error name that Retry/Catch match on
 * ({@code States.Timeout}, {@code Lambda.TooManyRequestsException}, an exception class name...) and its cause.
 */
final class StatesError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    static final String RUNTIME = "States.Runtime";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";

    private final String error;
    private final String errorCause;
    private final boolean hasCause;

    StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause == null ? "" : cause;
        this.hasCause = cause != null;
    }

    static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    String error() {
        return error;
    }

    /** The cause as given; null when none was (a Fail state without Cause or CausePath reports none). */
    String causeOrNull() {
        return hasCause ? errorCause : null;
    }

    String errorCause() {
        return errorCause;
    }

    /** Step Functions never lets States.ALL or States.TaskFailed catch or retry a States.Runtime failure. */
    boolean isTerminal() {
        return RUNTIME.equals(error) || "States.DataLimitExceeded".equals(error);
    }

    /** Whether an ErrorEquals list matches this error, with the States.ALL and States.TaskFailed wildcards. */
    boolean matches(java.util.List<String> errorEquals) {
        if (isTerminal()) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals(ALL) || (name.equals(TASK_FAILED) && !TIMEOUT.equals(error)
                    && !HEARTBEAT_TIMEOUT.equals(error))) {
                return true;
            }
        }
        return false;
    }
}
