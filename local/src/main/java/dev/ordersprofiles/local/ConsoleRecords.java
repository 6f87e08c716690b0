package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.lambda.FunctionLogs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the console shows of the stack's output: the last {@link #MAX_LINES} log lines (each function's, the API
 * access log, the stack's own), parsed for function, level and request id, and the metrics the functions emit in
 * CloudWatch Embedded Metric Format, summed per minute as CloudWatch would store them (per namespace and metric
 * name, and per value of the {@code function} dimension). One per JVM, as the log stream it reads
 * ({@link FunctionLogs}) is.
 */
final class ConsoleRecords {
    static final int MAX_LINES = 5000;
    /** Minutes of metrics kept. */
    static final int MAX_MINUTES = 180;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConsoleRecords instance;

    /** A log line: {@code seq} increases by one per line, so a follower asks for the lines after the last it saw. */
    record Line(long seq, Instant time, String source, String level, String requestId, String text) {
    }

    /** A metric's sums per minute (epoch minute → sum), for one function or for all of them ({@code "*"}). */
    record Series(String namespace, String name, String function, TreeMap<Long, Double> perMinute) {
    }

    private final Clock clock;
    private final Deque<Line> lines = new ArrayDeque<>();
    private long seq;
    /** namespace/name/function → series */
    private final Map<String, Series> metrics = new TreeMap<>();

    ConsoleRecords(Clock clock) {
        this.clock = clock;
    }

    /** The JVM's records, reading the log stream from the first call on. */
    static synchronized ConsoleRecords installed() {
        if (instance == null) {
            instance = new ConsoleRecords(Clock.systemUTC());
            FunctionLogs.tap(instance::accept);
        }
        return instance;
    }

    /** One line as written: {@code [source] text}, or a bare line of the stack's own. */
    synchronized void accept(String raw) {
        String source = "stack";
        String text = raw;
        if (raw.startsWith("[")) {
            int close = raw.indexOf("] ");
            if (close > 1) {
                source = raw.substring(1, close);
                text = raw.substring(close + 2);
            }
        }
        String level = "";
        String requestId = "";
        JsonNode json = null;
        if (text.startsWith("{")) {
            try {
                json = JSON.readTree(text);
            } catch (Exception notJson) {
                json = null;
            }
        }
        if (json != null && json.isObject()) {
            level = json.path("level").asText("");
            requestId = json.path("requestId").asText("");
            metrics(json);
        }
        lines.addLast(new Line(++seq, clock.instant(), source, level, requestId, text));
        while (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
    }

    private void metrics(JsonNode doc) {
        JsonNode aws = doc.path("_aws");
        if (!aws.isObject()) {
            return;
        }
        long minute = (aws.path("Timestamp").asLong(clock.millis())) / 60_000;
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            String namespace = directive.path("Namespace").asText("");
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText("");
                JsonNode value = doc.path(name);
                if (name.isEmpty() || !value.isNumber()) {
                    continue;
                }
                String function = doc.path("function").asText("");
                add(namespace, name, "*", minute, value.asDouble());
                if (!function.isEmpty()) {
                    add(namespace, name, function, minute, value.asDouble());
                }
            }
        }
    }

    private void add(String namespace, String name, String function, long minute, double value) {
        Series series = metrics.computeIfAbsent(namespace + "/" + name + "/" + function,
                k -> new Series(namespace, name, function, new TreeMap<>()));
        series.perMinute().merge(minute, value, Double::sum);
        while (series.perMinute().size() > MAX_MINUTES) {
            series.perMinute().pollFirstEntry();
        }
    }

    /** The lines after {@code afterSeq} that {@code filter} keeps, the newest {@code limit} of them, oldest first. */
    synchronized List<Line> lines(long afterSeq, Predicate<Line> filter, int limit) {
        List<Line> out = new ArrayList<>();
        for (Line line : lines) {
            if (line.seq() > afterSeq && filter.test(line)) {
                out.add(line);
            }
        }
        return out.size() <= limit ? out : new ArrayList<>(out.subList(out.size() - limit, out.size()));
    }

    /** The sources that wrote lines still kept (function names, {@code api-access}, {@code stack}). */
    synchronized List<String> sources() {
        return lines.stream().map(Line::source).distinct().sorted().toList();
    }

    /** Every series, copied. */
    synchronized List<Series> series() {
        List<Series> out = new ArrayList<>();
        for (Series s : metrics.values()) {
            out.add(new Series(s.namespace(), s.name(), s.function(), new TreeMap<>(s.perMinute())));
        }
        return out;
    }
}
