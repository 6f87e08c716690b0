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
 * before the call returns) until the task ends. An ended task's token (answered, timed out, stopped with its
 * execution) is remembered a while longer: a late answer hears TaskTimedOut, which the API reference gives for "the
 * task token has either expired or the task associated with the token has already been closed"; a well-formed
 * token this service does not know (never issued, or forgotten) hears TaskDoesNotExist.
 */
final class TaskTokens {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{64}");
    private static final int ENDED_KEPT = 10_000;

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
    private final Map<String, Boolean> ended = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_KEPT;
        }
    });

    String issue(Waiter waiter) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        waiting.put(token, waiter);
        return token;
    }

    /**
     * A task resumed after a restart waits on the token it was given before (journaled): the same token is valid
     * again, for {@code waiter}.
     */
    void adopt(String token, Waiter waiter) {
        ended.remove(token);
        waiting.put(token, waiter);
    }

    /** The task ended (answered, failed, timed out, stopped): its token answers TaskTimedOut from now on. */
    void retire(String token) {
        waiting.remove(token);
        ended.put(token, Boolean.TRUE);
    }

    /** The task timed out (as {@link #retire}). */
    void timedOut(String token) {
        retire(token);
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
            ended.put(token, Boolean.TRUE);
            waiter.success(output);
        } else {
            throw gone(token);
        }
    }

    void failure(String token, String error, String cause) {
        Waiter waiter = find(token);
        if (waiting.remove(token, waiter)) {
            ended.put(token, Boolean.TRUE);
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
            if (waiting.remove(token, waiter)) {
                ended.put(token, Boolean.TRUE);
            }
            waiter = null;
        }
        if (waiter == null) {
            throw gone(token);
        }
        return waiter;
    }

    private TaskTokenRejected gone(String token) {
        if (ended.containsKey(token)) {
            return new TaskTokenRejected(TaskTokenRejected.Reason.TaskTimedOut, "Task Timed Out: 'Provided task does "
                    + "not exist anymore'");
        }
        return new TaskTokenRejected(TaskTokenRejected.Reason.TaskDoesNotExist, "Task Does Not Exist: 'Provided task "
                + "does not exist anymore'");
    }
}
