package dev.ordersprofiles.handlers.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.domain.shared.DomainException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java Lambda runtime reports a thrown exception's fully qualified class name as {@code errorType}
 * (docs.aws.amazon.com/lambda/latest/dg/java-exceptions.html), and Step Functions matches that name in
 * Retry/Catch {@code ErrorEquals}. These tests break when a class named there is renamed or moved.
 */
class WorkflowErrorNamesTest {
    private static final Path ASL = Path.of("..", "sam", "statemachine", "place-order.asl.json");

    @ParameterizedTest
    @ValueSource(strings = {ErrorNames.VALIDATION_FAILED, ErrorNames.OUT_OF_STOCK, ErrorNames.PAYMENT_DECLINED})
    void the_business_failures_of_the_contract_exist_under_their_fixed_names(String name) throws Exception {
        Class<?> type = Class.forName(name);

        assertThat(type.getName()).isEqualTo(name);
        assertThat(DomainException.class).isAssignableFrom(type);
    }

    @Test
    void every_error_name_the_state_machine_matches_is_a_class_that_exists() throws Exception {
        JsonNode asl = Steps.tree(Files.readString(ASL)); // a missing file fails the test
        Set<String> names = new LinkedHashSet<>();
        collectErrorNames(asl, names);

        Set<String> ours = new LinkedHashSet<>();
        for (String name : names) {
            if (name.startsWith("States.") || name.startsWith("Lambda.")) {
                continue; // built-in Step Functions / Lambda service error names
            }
            ours.add(name);
            Class<?> type = Class.forName(name);
            assertThat(Throwable.class).as(name).isAssignableFrom(type);
        }
        assertThat(ours).contains(ErrorNames.VALIDATION_FAILED, ErrorNames.OUT_OF_STOCK, ErrorNames.PAYMENT_DECLINED);
    }

    private static void collectErrorNames(JsonNode node, Set<String> names) throws IOException {
        if (node.isObject()) {
            JsonNode errorEquals = node.get("ErrorEquals");
            if (errorEquals != null) {
                errorEquals.forEach(e -> names.add(e.asText()));
            }
            for (JsonNode child : node) {
                collectErrorNames(child, names);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectErrorNames(child, names);
            }
        }
    }
}
