package dev.ordersprofiles.local.template;

/** An EventBridge schedule invoking a function: {@code rate(…)} or {@code cron(…)}, as written in the template. */
public record ScheduleDef(String ruleName, String functionName, String expression, boolean enabled,
                          int maximumRetryAttempts) {
}
