package dev.ordersprofiles.handlers.common;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.application.shared.UtcMillis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One function invocation: collects the fields of its single structured log line and writes that line to stdout
 * when closed. While open it is the thread's current invocation, so that business events recorded during it
 * (see {@link EmfEventLog}) carry the function name and request id. Never put tokens or bodies in it.
 */
public final class Invocation implements AutoCloseable {
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();
    /** Time kept back from the Lambda Context's remaining time for the function to log and answer. */
    public static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

    private final String function;
    private final String requestId;
    private final long startNanos = System.nanoTime();
    private final Instant deadline;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Optional<Trace> trace = Trace.current();
    private final long startEpochMillis = System.currentTimeMillis();
    private String level = "INFO";

    Invocation(String function, Context context, boolean coldStart) {
        this.function = function;
        this.requestId = context == null || context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
        this.deadline = deadline(Instant.now(), context);
        fields.put("coldStart", coldStart);
        CURRENT.set(this);
    }

    /** When the invocation's work must be done: its remaining time less {@link #ANSWER_MARGIN}; null without one. */
    static Instant deadline(Instant now, Context context) {
        int remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        return remaining <= 0 ? null : now.plusMillis(remaining).minus(ANSWER_MARGIN);
    }

    /** The deadline of the invocation running on this thread, if it has one (the AWS client bounds calls by it). */
    public static Optional<Instant> currentDeadline() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? Optional.empty() : Optional.ofNullable(invocation.deadline);
    }

    /** The invocation running on this thread, if any. */
    public static Optional<Invocation> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public String function() {
        return function;
    }

    public String requestId() {
        return requestId;
    }

    /** Adds a field to the log line (later values for the same key win). */
    public Invocation put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Marks the invocation as WARN (an expected failure, such as a business rejection reported to the caller). */
    public void warn() {
        if (!"ERROR".equals(level)) {
            level = "WARN";
        }
    }

    /** Marks the invocation as ERROR and puts the error, with its stack trace, on the log line. */
    public void error(Throwable error) {
        level = "ERROR";
        fields.put("error", error.getClass().getName());
        fields.put("errorMessage", String.valueOf(error.getMessage()));
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        fields.put("stackTrace", trace.toString());
    }

    @Override
    public void close() {
        CURRENT.remove();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", UtcMillis.format(Instant.now()));
        line.put("level", level);
        line.put("function", function);
        line.put("requestId", requestId);
        line.put("durationMs", (System.nanoTime() - startNanos) / 1_000_000);
        trace.ifPresent(t -> line.put("traceId", t.traceId()));
        line.putAll(fields);
        Stdout.line(write(line));
        trace.ifPresent(this::sendSubsegment);
    }

    /** The invocation's X-Ray subsegment, annotated with its request and order ids (when tracing is active). */
    private void sendSubsegment(Trace t) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("requestId", requestId);
        Object orderId = fields.get("orderId");
        if (orderId != null) {
            annotations.put("orderId", String.valueOf(orderId));
        }
        t.send(System.getenv(Trace.DAEMON_VARIABLE), function, startEpochMillis / 1000.0,
                System.currentTimeMillis() / 1000.0, "ERROR".equals(level), annotations);
    }

    static String write(Map<String, Object> line) {
        try {
            return PlainJson.toJson(line);
        } catch (RuntimeException e) {
            return "{\"level\":\"ERROR\",\"message\":\"log line could not be written\"}";
        }
    }
}
