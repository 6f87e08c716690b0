package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint (Python 3.11's, on the PATH) passes on the template as it is, with the optional database trigger off, and
 * with EnableRdsTrigger defaulting to 'true', so both sets of conditional resources are linted as deployed.
 * Skipped, saying so, where cfn-lint is not installed.
 */
class CfnLintTest {
    private static final String TRIGGER_OFF = "  EnableRdsTrigger:\n    Type: String\n    Default: 'false'\n";
    private static final String TRIGGER_ON = "  EnableRdsTrigger:\n    Type: String\n    Default: 'true'\n";

    @Test
    void the_template_lints_clean_with_the_database_trigger_off_and_on() throws Exception {
        Optional<Path> cfnLint = onPath("cfn-lint");
        if (cfnLint.isEmpty()) {
            System.out.println("skipped: cfn-lint is not on the PATH (pip install cfn-lint with Python 3.11)");
        }
        assumeTrue(cfnLint.isPresent(), "skipped: cfn-lint is not on the PATH");
        String template = Template.read(Template.TEMPLATE_FILE);
        assertThat(template).contains(TRIGGER_OFF);
        // next to the real one, so that relative paths in it resolve the same
        Path on = Template.SAM_DIR.resolve("target").resolve("template-rds-trigger-on.yaml");
        Files.createDirectories(on.getParent());
        Files.writeString(on, template.replace(TRIGGER_OFF, TRIGGER_ON));

        Process lint = new ProcessBuilder(cfnLint.get().toString(), Template.TEMPLATE_FILE.toString(), on.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(lint.exitValue()).as(output).isZero();
    }

    private static Optional<Path> onPath(String command) throws IOException {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable).findFirst();
    }
}
