package dev.ordersprofiles.cli;

import dev.ordersprofiles.cli.query.LocalAthena;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs SQL with DuckDB over the latest local export of each table (export --local first).",
                "Each table is a view named as its Glue table (orders, profiles) with the one column Item, so the "
                        + "template's Athena named queries run as they are, e.g.",
                "  SELECT Item.status.S AS status, count(*) AS orders FROM orders GROUP BY 1"})
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "the statement")
    String sql;

    @Option(names = "--data-dir", defaultValue = ".local-data",
            description = "the local stack's data folder (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws SQLException {
        try (LocalAthena athena = LocalAthena.open(dataDir.resolve("s3"))) {
            if (athena.exports().isEmpty()) {
                throw new IllegalArgumentException("no local export under " + dataDir.resolve("s3")
                        + ": run ./orders-profiles export --table orders --local first");
            }
            List<List<String>> rows;
            try {
                rows = athena.query(sql);
            } catch (SQLException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (List<String> row : rows) {
                out.println(String.join("\t", row.stream().map(v -> v == null ? "NULL" : v).toList()));
            }
            out.flush();
        }
        return 0;
    }
}
