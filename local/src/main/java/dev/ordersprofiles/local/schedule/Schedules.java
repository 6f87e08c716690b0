package dev.ordersprofiles.local.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.lambda.InvocationResult;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.ScheduleDef;
import dev.ordersprofiles.local.template.TemplateReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedules: each enabled {@code rate(…)} or {@code cron(…)} rule (UTC, {@link CronExpression})
 * invokes its function with a "Scheduled Event" at that rate or at each time the expression names, retrying a failed invocation up to the rule's MaximumRetryAttempts before giving up (AWS would send it to
 * the dead-letter queue; here it is logged).
 */
public final class Schedules implements AutoCloseable {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+([a-z]+)\\s*\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaRuntime runtime;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });

    public Schedules(LambdaRuntime runtime) {
        this.runtime = runtime;
    }

    /** Starts every enabled schedule; {@code overrideRate}, when given, replaces every rule's expression. */
    public void start(List<ScheduleDef> schedules, String overrideRate) {
        for (ScheduleDef schedule : schedules) {
            if (!schedule.enabled()) {
                continue;
            }
            String expression = overrideRate != null ? overrideRate : schedule.expression();
            if (expression.trim().startsWith("cron(")) {
                CronExpression cron = CronExpression.parse(expression);
                scheduleNext(schedule, cron);
                System.out.println("[schedule] " + schedule.ruleName() + " -> " + schedule.functionName() + " at "
                        + expression + " (UTC)");
                continue;
            }
            Duration period = parseRate(expression);
            timer.scheduleAtFixedRate(() -> fire(schedule), period.toMillis(), period.toMillis(),
                    TimeUnit.MILLISECONDS);
            System.out.println("[schedule] " + schedule.ruleName() + " -> " + schedule.functionName() + " every "
                    + expression);
        }
    }

    /** Checks an expression as EventBridge would accept it: {@code rate(N unit)} or a six-field {@code cron(...)}. */
    public static void validate(String expression) {
        if (expression.trim().startsWith("cron(")) {
            CronExpression.parse(expression);
        } else {
            parseRate(expression);
        }
    }

    private void scheduleNext(ScheduleDef schedule, CronExpression cron) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        cron.next(now).ifPresent(at -> {
            long delay = Math.max(0, Duration.between(now, at).toMillis());
            try {
                timer.schedule(() -> {
                    try {
                        fire(schedule);
                    } finally {
                        scheduleNext(schedule, cron);
                    }
                }, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // the stack is stopping
            }
        });
    }

    /**
     * The period of {@code rate(N unit)}; units as EventBridge has them (minute(s), hour(s), day(s)), plus
     * second(s), which only the local stack accepts, for demos.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Duration parseRate(String expression) {
        Matcher m = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("schedule '" + expression + "' is not rate(N unit) or cron(...)");
        }
        long n = Long.parseLong(m.group(1));
        ChronoUnit unit = switch (m.group(2)) {
            case "second", "seconds" -> ChronoUnit.SECONDS;
            case "minute", "minutes" -> ChronoUnit.MINUTES;
            case "hour", "hours" -> ChronoUnit.HOURS;
            case "day", "days" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("schedule '" + expression + "' has an unknown unit");
        };
        if (n < 1) {
            throw new IllegalArgumentException("schedule '" + expression + "' must be at least 1");
        }
        return Duration.of(n, unit);
    }

    /** Invokes the rule's function now, as EventBridge would, with retries. */
    public InvocationResult fire(ScheduleDef schedule) {
        byte[] event = event(schedule, Instant.now());
        InvocationResult result = null;
        for (int attempt = 0; attempt <= schedule.maximumRetryAttempts() && attempt <= 3; attempt++) {
            result = runtime.invoke(schedule.functionName(), event);
            if (result instanceof InvocationResult.Success) {
                return result;
            }
        }
        System.out.println("[schedule] " + schedule.ruleName() + ": giving up on " + schedule.functionName()
                + " after retries (AWS would deliver the event to the rule's dead-letter queue)");
        return result;
    }

    static byte[] event(ScheduleDef schedule, Instant at) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", TemplateReader.ACCOUNT);
        event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", TemplateReader.REGION);
        event.putArray("resources").add("arn:aws:events:" + TemplateReader.REGION + ":" + TemplateReader.ACCOUNT
                + ":rule/" + schedule.ruleName());
        event.putObject("detail");
        return event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
