package dev.ordersprofiles.local.rds;

import dev.ordersprofiles.local.lambda.InvocationResult;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.postgresql.PGConnection;

/**
 * The stack's side of the local {@code aws_lambda.invoke}: {@code LISTEN aws_lambda_invoke} on one connection; at
 * each notification (and once at the start, for calls queued before it listened) it takes the queued calls from
 * {@code aws_lambda.local_invocations} in order, deletes them, and invokes each function asynchronously through
 * {@link LambdaRuntime} by the name or ARN the SQL gave, as the Lambda Invoke API's {@code Event} type does
 * ({@link dev.ordersprofiles.local.lambda.LambdaInvokeApi}). A call that fails is one JSON line; it is not retried.
 */
final class InvokeListener implements AutoCloseable {
    static final String CHANNEL = "aws_lambda_invoke";
    private static final int WAIT_MILLIS = 500;

    /** Opens a connection as the server's superuser. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final String database;
    private final Connector connector;
    private final LambdaRuntime functions;
    private final Thread thread;
    private volatile boolean stopping;

    InvokeListener(String database, Connector connector, LambdaRuntime functions) {
        this.database = database;
        this.connector = connector;
        this.functions = functions;
        this.thread = new Thread(this::run, "postgres-invoke-" + database);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!stopping) {
            try (Connection connection = connector.open()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                drain(connection);
                while (!stopping) {
                    // null or empty on timeout; any notification means "look at the queue"
                    var arrived = notifications.getNotifications(WAIT_MILLIS);
                    if (arrived != null && arrived.length > 0) {
                        drain(connection);
                    }
                }
            } catch (SQLException e) {
                if (stopping) {
                    return;
                }
                log("WARN", "listener-reconnecting", "\"error\":" + quote(e.getMessage()));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void drain(Connection connection) throws SQLException {
        while (true) {
            String name;
            String payload;
            try (PreparedStatement take = connection.prepareStatement(
                    "DELETE FROM aws_lambda.local_invocations WHERE id = (SELECT id FROM aws_lambda.local_invocations"
                            + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING function_name, qualifier, payload");
                 ResultSet row = take.executeQuery()) {
                if (!row.next()) {
                    return;
                }
                String qualifier = row.getString(2);
                name = qualifier == null ? row.getString(1) : row.getString(1) + ":" + qualifier;
                payload = row.getString(3);
            }
            invoke(name, payload);
        }
    }

    private void invoke(String name, String payload) {
        try {
            functions.invokeAsync(name, payload.getBytes(StandardCharsets.UTF_8)).whenComplete((result, error) -> {
                if (error != null) {
                    log("ERROR", "invoke-failed", "\"function\":" + quote(name) + ",\"error\":"
                            + quote(String.valueOf(error)));
                } else if (!(result instanceof InvocationResult.Success)) {
                    log("WARN", "invoke-failed", "\"function\":" + quote(name) + ",\"outcome\":"
                            + quote(result.getClass().getSimpleName()));
                }
            });
        } catch (RuntimeException e) {
            // the name was checked in SQL against the functions the stack has; this is the stack stopping
            log("ERROR", "invoke-failed", "\"function\":" + quote(name) + ",\"error\":" + quote(e.getMessage()));
        }
    }

    private void log(String level, String event, String fields) {
        System.out.println("{\"time\":\"" + Instant.now() + "\",\"level\":\"" + level + "\",\"component\":\"postgres\","
                + "\"resource\":" + quote(database) + ",\"event\":\"" + event + "\"," + fields + "}");
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(2000);
    }
}
