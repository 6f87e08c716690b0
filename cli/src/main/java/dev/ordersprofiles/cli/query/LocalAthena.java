package dev.ordersprofiles.cli.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * DuckDB standing in for Athena over the local exports: one view per exported table, named as the Glue table is
 * (sam/template.yaml ExportsOrdersTable: {@code orders}), over the data files of that table's latest full export
 * ({@code <data-dir>/s3/<bucket>/exports/<table>/AWSDynamoDB/<id>/}), with the Glue table's one column {@code Item}
 * typed as its struct. So the template's named queries run unchanged where the dialects agree; the one Athena
 * function they use that DuckDB lacks, {@code from_iso8601_timestamp}, is a macro here.
 */
public final class LocalAthena implements AutoCloseable {
    /** The Glue table's {@code Item} column (sam/template.yaml ExportsOrdersTable), as a DuckDB type. */
    static final Map<String, String> ITEM_TYPES = Map.of(
            "orders", "STRUCT(orderId STRUCT(S VARCHAR), userId STRUCT(S VARCHAR), status STRUCT(S VARCHAR),"
                    + " amount STRUCT(N VARCHAR), createdAt STRUCT(S VARCHAR), updatedAt STRUCT(S VARCHAR),"
                    + " version STRUCT(N VARCHAR), failureReason STRUCT(S VARCHAR),"
                    + " items STRUCT(L STRUCT(M STRUCT(sku STRUCT(S VARCHAR), qty STRUCT(N VARCHAR)))[]))",
            "profiles", "STRUCT(userId STRUCT(S VARCHAR), name STRUCT(S VARCHAR), email STRUCT(S VARCHAR),"
                    + " createdAt STRUCT(S VARCHAR), updatedAt STRUCT(S VARCHAR))");
    private static final JsonFactory JSON = new JsonFactory();

    private final Connection connection;
    private final Map<String, Path> exports;

    private LocalAthena(Connection connection, Map<String, Path> exports) {
        this.connection = connection;
        this.exports = exports;
    }

    /** A DuckDB in memory with a view per table that has a full export under {@code s3Root}. */
    public static LocalAthena open(Path s3Root) throws SQLException {
        Map<String, Path> latest = latestExports(s3Root);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)");
            for (Map.Entry<String, Path> export : latest.entrySet()) {
                List<String> files = dataFiles(s3Root, export.getValue());
                String list = files.stream().map(f -> quote(f)).reduce((a, b) -> a + ", " + b).orElseThrow();
                String type = ITEM_TYPES.get(export.getKey());
                String columns = type == null ? "" : ", columns = {'Item': " + quote(type) + "}";
                sql.execute("CREATE VIEW \"" + export.getKey() + "\" AS SELECT * FROM read_json([" + list
                        + "], format = 'newline_delimited', compression = 'gzip'" + columns + ")");
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new LocalAthena(connection, latest);
    }

    /** Table name -> the directory of its newest full export. */
    public Map<String, Path> exports() {
        return exports;
    }

    /** Runs {@code sql}; the header and every row, values as DuckDB prints them as strings (NULL as null). */
    public List<List<String>> query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<List<String>> result = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.add(meta.getColumnLabel(i));
            }
            result.add(header);
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rows.getObject(i);
                    row.add(value == null ? null : value.toString());
                }
                result.add(row);
            }
            return result;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    static Map<String, Path> latestExports(Path s3Root) {
        Map<String, Path> latest = new LinkedHashMap<>();
        if (!Files.isDirectory(s3Root)) {
            return latest;
        }
        try (Stream<Path> summaries = Files.find(s3Root, 6, (p, a) -> p.endsWith("manifest-summary.json"))) {
            summaries.map(Path::getParent)
                    .filter(dir -> dir.getParent().getFileName().toString().equals("AWSDynamoDB"))
                    .filter(dir -> summaryField(dir, "exportType").orElse("FULL_EXPORT").equals("FULL_EXPORT"))
                    // export ids start with the export time in milliseconds, 14 digits: they sort by time
                    .sorted(Comparator.comparing(dir -> dir.getFileName().toString()))
                    .forEach(dir -> latest.put(dir.getParent().getParent().getFileName().toString(), dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the exports under " + s3Root, e);
        }
        return latest;
    }

    /** The data files of one export, from its manifest-files.json (keys are relative to the bucket). */
    static List<String> dataFiles(Path s3Root, Path exportDir) {
        String bucket = summaryField(exportDir, "s3Bucket").orElseThrow(
                () -> new IllegalStateException(exportDir + "/manifest-summary.json has no s3Bucket"));
        List<String> files = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(exportDir.resolve("manifest-files.json"))) {
                if (!line.isBlank()) {
                    files.add(s3Root.resolve(bucket).resolve(field(line, "dataFileS3Key").orElseThrow())
                            .toAbsolutePath().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Optional<String> summaryField(Path exportDir, String name) {
        try {
            return field(Files.readString(exportDir.resolve("manifest-summary.json")), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A top-level string field of a JSON object. */
    private static Optional<String> field(String json, String name) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name) && value == JsonToken.VALUE_STRING) {
                    return Optional.of(parser.getText());
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
