package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The conformance corpus run on an independent engine: LocalStack's Step Functions interpreter inside moto
 * (src/test/conformance/record.py --check). It fails when moto and the corpus disagree on a case that has no
 * recorded verdict, or when a verdict has become stale because moto now agrees. Skipped, saying so, where python3
 * or moto is missing. ConformanceTest holds local-asl to the same corpus on every build.
 */
class MotoConformanceIT {

    @Test
    void moto_agrees_with_the_corpus_except_where_a_verdict_says_why_not() throws IOException, InterruptedException {
        Assumptions.assumeTrue(available(), "skipped: python3 with moto is not installed (pip install 'moto[server]')");
        Process p = new ProcessBuilder("python3", Path.of("src/test/conformance/record.py").toString(), "--check")
                .redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("record.py --check did not finish within 20 minutes");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("0 differ without one");
    }

    private static boolean available() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import moto.server, boto3").redirectErrorStream(true).start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                System.out.println("skipped: python3 -c 'import moto.server' did not answer within 60 s");
                return false;
            }
            if (p.exitValue() != 0) {
                System.out.println("skipped: python3 with moto is not installed; the conformance corpus ran on local-asl only");
                return false;
            }
            return true;
        } catch (IOException e) {
            System.out.println("skipped: no python3 on PATH; the conformance corpus ran on local-asl only");
            return false;
        }
    }
}
