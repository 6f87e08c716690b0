package dev.ordersprofiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad command lines: one line on stderr, status 2, nothing written and no call made. */
class ExportCommandTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "export --table orders --local --incremental --from 2026-12-01T00:00:00Z --to 2026-12-01T01:00:00Z|change history",
            "export --table orders --incremental --from 2026-12-01T00:00:00Z|needs both --from and --to",
            "export --table orders --incremental --from yesterday --to 2026-12-01T01:00:00Z|not an ISO-8601 instant",
            "export --table orders --incremental --from 2026-12-01T02:00:00Z --to 2026-12-01T01:00:00Z|must be before",
            "export --table orders --from 2026-12-01T00:00:00Z|belong to --incremental",
            "export --table o/rders --local|not a DynamoDB table name",
            "export --table orders --local --bucket Not_A_Bucket|not an S3 bucket name",
            "export --local|Missing required option: '--table",
            "export --table orders --endpoint ::bad|--endpoint",
            "frobnicate|Unmatched argument",
    })
    void is_refused_with_status_2(String line, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                (line + " --data-dir " + dataDir).split(" "));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void query_without_an_export_says_how_to_make_one() {
        StringWriter err = new StringWriter();

        int status = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "query", "SELECT 1", "--data-dir", dataDir.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("export --table orders --local");
    }
}
