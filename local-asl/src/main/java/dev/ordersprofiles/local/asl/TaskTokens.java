package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The task tokens of {@code .waitForTaskToken} tasks that wait for SendTaskSuccess/Failure. A token is 64 URL-safe
 * characters from a {@link SecureRandom}; it is valid from before the task's call is made (a worker may answer
 * before the call returns) until the task ends, and a timed-out task's token is remembered a while longer so that
 * a late answer hears TaskTimedOut rather than TaskDoesNotExist.
 */
final class TaskTokens {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{64}");
    private static final int TIMED_OUT_KEPT = 10_000;

    /** What a waiting task does with an answer. */
    interface Waiter {
        /** Whether the task still waits (its execution is running). */
        boolean waiting();

        void success(JsonNode output);

        void failure(String error, String cause);

        void heartbeat();
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private final Map<String, Boolean> timedOut = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > TIMED_OUT_KEPT;
        }
    });

    String issue(Waiter waiter) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        waiting.put(token, waiter);
        return token;
    }

    /** The task ended (answered, failed, stopped): its token is no longer valid. */
    void retire(String token) {
        waiting.remove(token);
    }

    /** The task timed out: its token answers TaskTimedOut from now on. */
    void timedOut(String token) {
        waiting.remove(token);
        timedOut.put(token, Boolean.TRUE);
    }

    void success(String token, String outputJson) {
        Waiter waiter = find(token);
        JsonNode output;
        try {
            output = Json.parse(outputJson);
        } catch (IllegalArgumentException e) {
            throw new TaskTokenRejected(TaskTokenRejected.Reason.InvalidOutput, "Invalid Output: 'the output is not JSON'");
        }
        if (waiting.remove(token, waiter)) {
            waiter.success(output);
        } else {
            throw gone(token);
        }
    }

    void failure(String token, String error, String cause) {
        Waiter waiter = find(token);
        if (waiting.remove(token, waiter)) {
            waiter.failure(error, cause);
        } else {
            throw gone(token);
        }
    }

    void heartbeat(String token) {
        find(token).heartbeat();
    }

    private Waiter find(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            throw new TaskTokenRejected(TaskTokenRejected.Reason.InvalidToken, "Invalid token");
        }
        Waiter waiter = waiting.get(token);
        if (waiter != null && !waiter.waiting()) {
            waiting.remove(token, waiter);
            waiter = null;
        }
        if (waiter == null) {
            throw gone(token);
        }
        return waiter;
    }

    private TaskTokenRejected gone(String token) {
        if (timedOut.containsKey(token)) {
            return new TaskTokenRejected(TaskTokenRejected.Reason.TaskTimedOut, "Task Timed Out: 'Provided task does "
                    + "not exist anymore'");
        }
        return new TaskTokenRejected(TaskTokenRejected.Reason.TaskDoesNotExist, "Task Does Not Exist: 'Provided task "
                + "does not exist anymore'");
    }
}
