package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code local-stack --postgres} with the template's database trigger enabled: a client that knows only what the
 * start-up lines print connects with JDBC, inserts a registration, and the function the trigger names logs it.
 */
class PostgresTriggerIT {
    private static final Pattern STARTED = Pattern.compile(
            "\"component\":\"postgres\",\"event\":\"started\",\"resource\":\"([A-Za-z0-9]+)\",\"jdbcUrl\":\"([^\"]+)\","
                    + "\"user\":\"([^\"]+)\"");
    private static LocalStack stack;
    private static String jdbcUrl;
    private static String user;

    @BeforeAll
    static void start() throws Exception {
        CapturedStdout.install();
        stack = LocalStack.start(options(Files.createTempDirectory("postgres-it"))
                .withParameter("EnableRdsTrigger", "true"));
        Optional<String> started = CapturedStdout.await("\"component\":\"postgres\",\"event\":\"started\"",
                Duration.ofSeconds(5));
        assertThat(started).as("the start-up line of the database").isPresent();
        Matcher line = STARTED.matcher(started.get());
        assertThat(line.find()).as(started.get()).isTrue();
        assertThat(line.group(1)).isEqualTo("RegistrationsDb");
        jdbcUrl = line.group(2);
        user = line.group(3);
        assertThat(jdbcUrl).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/registrations");
        assertThat(CapturedStdout.lines()).anyMatch(l -> l.contains("password local"));
    }

    private static LocalOptions options(Path data) {
        return LocalOptions.defaults().withPort(0).withDataDir(data)
                .withStore(LocalOptions.Store.DEFAULT.withInMemory(true).withPostgres(true))
                .withTemplate(Path.of("..", "sam", "template.yaml"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void an_insert_into_registrations_reaches_the_function_the_trigger_names() throws Exception {
        String name = "Ada " + System.nanoTime();
        long id;
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, "local");
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO registrations (name, email) VALUES (?, ?) RETURNING id")) {
            insert.setString(1, name);
            insert.setString(2, "ada@example.com");
            try (ResultSet row = insert.executeQuery()) {
                assertThat(row.next()).isTrue();
                id = row.getLong(1);
            }
        }

        Optional<String> welcome = CapturedStdout.await("WELCOME FROM RDS: id=" + id + " name=" + name,
                Duration.ofSeconds(20));
        assertThat(welcome).isPresent();
        assertThat(welcome.get()).startsWith("[rds-welcome] {").contains("\"function\":\"rds-welcome\"")
                .doesNotContain("ada@example.com");
    }

    @Test
    void a_rolled_back_insert_invokes_nothing_and_a_committed_one_after_it_does() throws Exception {
        String rolledBack = "Rolled " + System.nanoTime();
        String committed = "Kept " + System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, "local")) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO registrations (name, email) VALUES ('" + rolledBack + "', 'r@example.com')");
                db.rollback();
                sql.execute("INSERT INTO registrations (name, email) VALUES ('" + committed + "', 'k@example.com')");
                db.commit();
            }
        }

        assertThat(CapturedStdout.await("name=" + committed, Duration.ofSeconds(20))).isPresent();
        assertThat(CapturedStdout.lines()).noneMatch(l -> l.contains(rolledBack));
    }

    @Test
    void aws_lambda_invoke_has_rds_signatures_and_refuses_an_unknown_function() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, "local"); Statement sql = db.createStatement()) {
            try (ResultSet result = sql.executeQuery("SELECT status_code, payload, executed_version FROM "
                    + "aws_lambda.invoke('arn:aws:lambda:us-east-1:000000000000:function:rds-welcome', "
                    + "'{\"id\": 0, \"name\": \"By ARN\"}'::jsonb, 'us-east-1', 'Event')")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(202);
                assertThat(result.getString(2)).isNull();
                assertThat(result.getString(3)).isEqualTo("$LATEST");
            }
            try (ResultSet dryRun = sql.executeQuery("SELECT status_code FROM aws_lambda.invoke("
                    + "aws_commons.create_lambda_function_arn('rds-welcome'), '{}'::json, 'DryRun')")) {
                assertThat(dryRun.next()).isTrue();
                assertThat(dryRun.getInt(1)).isEqualTo(204);
            }
            assertThatThrownBy(() -> sql.execute("SELECT aws_lambda.invoke('no-such-function', '{}'::json, "
                    + "invocation_type => 'Event')")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Function not found: no-such-function");
        }
        assertThat(CapturedStdout.await("WELCOME FROM RDS: id=0 name=By ARN", Duration.ofSeconds(20))).isPresent();
    }

    @Test
    void only_the_documented_password_gets_in() {
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, user, "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, "postgres", "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void postgres_without_the_template_enabling_a_database_names_the_condition() {
        assertThatThrownBy(() -> LocalStack.start(options(Files.createTempDirectory("postgres-it-off"))))
                .hasMessageContaining("--postgres: the template has no PostgreSQL instance")
                .hasMessageContaining("RegistrationsDb has condition EnableRdsTrigger");
    }
}
