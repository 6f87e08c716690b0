package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The template as CloudFormation sees it after the SAM transform, for every value of every parameter
 * (sam/checks/sam_transform_check.py, on Python 3.11's aws-sam-translator): versions and aliases follow every
 * change of code, configuration and warm-start mode, SnapStart and provisioned concurrency never share a version,
 * the state machine calls the alias; then cfn-lint with informational checks on the template and the outputs.
 * Where python3, aws-sam-translator or cfn-lint are missing the output says "skipped: ..." and the test is skipped.
 */
class SamTransformTest {
    private static final Path SCRIPT = Template.SAM_DIR.resolve("checks/sam_transform_check.py");
    private static final Path OUT = Template.SAM_DIR.resolve("target/sam-transformed");

    @Test
    void every_configuration_transforms_and_the_versions_follow_it_and_cfn_lint_is_clean() throws Exception {
        Result result = run(Template.TEMPLATE_FILE, OUT, true);

        assertThat(result.problems()).as(result.output).isEmpty();
        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("transformed ");
        if (result.output.contains("skipped: cfn-lint")) {
            System.out.println("[sam] skipped: cfn-lint is not installed; the transform checks ran");
        }
    }

    @Test
    void a_configuration_change_the_version_does_not_follow_is_reported() throws Exception {
        // Without the version description a change of SimDeclineAbove, say, would update $LATEST only.
        Path broken = brokenCopy(line -> line.strip().startsWith("VersionDescription:") ? null : line, "noversion");

        Result result = run(broken, OUT.resolve("broken-version"), false);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.problems()).as(result.output)
                .anyMatch(p -> p.contains("keep its version identity"))
                .anyMatch(p -> p.contains("SnapStart") && p.contains("provisioned concurrency"));
    }

    @Test
    void a_state_machine_that_calls_the_function_unqualified_is_reported() throws Exception {
        Path broken = brokenCopy(line -> line.contains("ChargePaymentFunctionArn: !Ref ChargePaymentFunction.Alias")
                ? line.replace("!Ref ChargePaymentFunction.Alias", "!GetAtt ChargePaymentFunction.Arn") : line, "noalias");

        Result result = run(broken, OUT.resolve("broken-alias"), false);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.problems()).as(result.output).anyMatch(p -> p.contains("does not call the alias"));
    }

    private interface LineEdit {
        String apply(String line);
    }

    private static Path brokenCopy(LineEdit edit, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean changed = false;
        for (String line : Files.readAllLines(Template.TEMPLATE_FILE)) {
            String edited = edit.apply(line);
            changed |= !line.equals(edited);
            if (edited != null) {
                lines.add(edited);
            }
        }
        assertThat(changed).as("the mutation changes the template").isTrue();
        Files.createDirectories(OUT);
        Path copy = OUT.resolve("template-" + name + ".yaml");
        Files.write(copy, lines);
        return copy;
    }

    private record Result(int exit, String output) {
        List<String> problems() {
            return output.lines().filter(l -> l.startsWith("problem: ")).toList();
        }
    }

    private static Result run(Path template, Path out, boolean lint) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), template.toString(),
                out.toString()));
        if (!lint) {
            command.add("--no-lint");
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).directory(Template.SAM_DIR.toFile())
                    .start();
        } catch (IOException e) {
            System.out.println("[sam] skipped: python3 is not on the PATH (" + e.getMessage() + ")");
            Assumptions.abort("skipped: python3 is not on the PATH");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (output.contains("skipped: aws-sam-translator")) {
            System.out.println("[sam] " + output.strip());
            Assumptions.abort(output.strip());
        }
        System.out.println("[sam] " + String.join("\n[sam] ", output.strip().lines().limit(40).toList()));
        return new Result(exit, output);
    }
}
