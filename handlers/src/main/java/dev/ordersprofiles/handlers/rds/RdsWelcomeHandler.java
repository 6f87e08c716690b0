package dev.ordersprofiles.handlers.rds;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.Invocation;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.common.MapHandler;
import java.util.Map;

/**
 * The {@code registrations} row trigger's target (sam/rds/001_registrations.sql calls it through
 * {@code aws_lambda.invoke}, asynchronously): logs {@code WELCOME FROM RDS: id=<id> name=<name>} on the invocation's
 * JSON line and answers {@code {"welcomed": <id>}}. The email is never logged. A payload without a numeric id or a
 * name is an error (Lambda retries an asynchronous event twice, then drops it).
 */
public final class RdsWelcomeHandler extends MapHandler {
    private final Invocations invocations = new Invocations("rds-welcome");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> registration, Context context) {
        try (Invocation invocation = invocations.start(context)) {
            try {
                Object id = registration == null ? null : registration.get("id");
                Object name = registration == null ? null : registration.get("name");
                if (!(id instanceof Number) || !(name instanceof String text) || text.isBlank()) {
                    throw new IllegalArgumentException("a registration needs a numeric id and a name");
                }
                invocation.put("message", "WELCOME FROM RDS: id=" + id + " name=" + text);
                return Map.of("welcomed", id);
            } catch (RuntimeException e) {
                invocation.error(e);
                throw e;
            }
        }
    }
}
