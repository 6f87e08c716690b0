package dev.ordersprofiles.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mocked service integrations in Step Functions Local's mock-configuration format, driving the template's own
 * PlaceOrder machine (sam/statemachine/place-order.asl.json, unmodified) down its retry and catch branches with no
 * function behind it: every call the interpreter would make fails the test.
 */
class MockedIntegrationsTest {

    private static final Path ASL = Path.of("../sam/statemachine/place-order.asl.json");
    private static final Path MOCKS = Path.of("src/test/resources/mocks/place-order-mocks.json");

    private final Harness h = new Harness();
    private StateMachine machine;
    private MockConfig config;

    @BeforeEach
    void load() throws IOException {
        String definition = Files.readString(ASL);
        Map<String, String> substitutions = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(definition);
        while (m.find()) {
            substitutions.put(m.group(1), Harness.FN + m.group(1));
        }
        machine = StateMachine.load(StateMachine.arnFor("us-east-1", "123456789012", "PlaceOrder"), definition,
                substitutions);
        config = MockConfig.parse(Files.readString(MOCKS));
    }

    private Execution run(String testCase) {
        MockTestCase mocks = config.testCase("PlaceOrder", testCase).orElseThrow();
        Execution e = h.executions.start(machine, testCase, "{\"orderId\":\"o-1\"}", mocks);
        return h.scheduler.runUntilDone(e.completion());
    }

    private static List<String> entered(Execution e) {
        return e.history().stream().filter(ev -> ev.type().endsWith("StateEntered")).map(HistoryEvent::stateName)
                .toList();
    }

    @Test
    void a_retry_and_a_catch_branch_run_on_mocks_alone() {
        Execution e = run("ThrottledThenDeclined");

        assertThat(h.calls).as("no task ran").isEmpty();
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("OrderFailed");
        assertThat(entered(e)).containsExactly("Validate", "Reserve", "Charge", "RefundPayment", "ReleaseInventory",
                "MarkFailed", "OrderFailed");
        // Reserve: attempts 0 and 1 throw (the "0-1" range), Retry matches Lambda.TooManyRequestsException, attempt 2
        // returns.
        assertThat(e.history().stream().filter(ev -> "Reserve".equals(ev.stateName())).map(HistoryEvent::type)
                .filter(t -> t.startsWith("Task") && !t.startsWith("TaskState")))
                .containsExactly("TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted",
                        "TaskFailed", "TaskScheduled", "TaskStarted", "TaskSucceeded");
        HistoryEvent throttled = Harness.events(e, "TaskFailed").get(0);
        assertThat(throttled.details().get("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(throttled.details().get("cause").asText()).isEqualTo("Rate Exceeded.");
        // The Charge catcher put the thrown error at $.error, which MarkFailed got (its mock ignores it, the
        // interpreter still evaluated its Parameters: the state's input shows it).
        HistoryEvent markFailed = e.history().stream()
                .filter(ev -> ev.type().equals("TaskStateEntered") && "MarkFailed".equals(ev.stateName()))
                .findFirst().orElseThrow();
        assertThat(Harness.json(markFailed.details().get("input").asText()).get("error"))
                .isEqualTo(Harness.json("{\"Error\":\"dev.ordersprofiles.application.order.PaymentDeclined\","
                        + "\"Cause\":\"card declined\"}"));
    }

    @Test
    void the_return_value_goes_through_the_states_result_selector() {
        Execution e = run("HappyPath");

        assertThat(h.calls).isEmpty();
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.output()).isEqualTo(Harness.json("{\"orderId\":\"o-1\",\"status\":\"CONFIRMED\"}"));
        HistoryEvent first = Harness.events(e, "TaskSucceeded").get(0);
        assertThat(Harness.json(first.details().get("output").asText()))
                .isEqualTo(Harness.json("{\"StatusCode\":200,\"Payload\":{\"orderId\":\"o-1\",\"status\":\"VALIDATED\"}}"));
    }

    @Test
    void states_the_test_case_does_not_name_call_their_service() {
        h.function("ReserveInventoryFunctionArn", in -> InvocationResult.success("{\"orderId\":\"o-1\",\"status\":\"RESERVED\"}"));
        h.function("ChargePaymentFunctionArn", in -> InvocationResult.success("{\"orderId\":\"o-1\",\"status\":\"CHARGED\"}"));
        h.function("ConfirmOrderFunctionArn", in -> InvocationResult.success("{\"orderId\":\"o-1\",\"status\":\"CONFIRMED\"}"));

        Execution e = run("ValidateOnly");

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.calls).hasSize(3).noneMatch(c -> c.contains("ValidateOrderFunctionArn"));
    }

    @Test
    void an_attempt_the_file_gives_no_answer_for_fails_the_execution_naming_it() {
        // Validate retries Lambda.TooManyRequestsException, but ThrottledOnce answers only attempt 0.
        Execution e = run("ThrottledForever");

        assertThat(h.calls).isEmpty();
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error()).isEqualTo("States.Runtime");
        assertThat(e.cause()).endsWith("The mocked response 'ThrottledOnce' of test case 'ThrottledForever' has no "
                + "answer for attempt 1 of state 'Validate'");
        // A Throw without Cause reports none.
        assertThat(Harness.events(e, "TaskFailed").get(0).details().has("cause")).isFalse();
    }

    @Test
    void a_resumed_execution_keeps_its_mocks(@TempDir Path folder) {
        MockTestCase mocks = config.testCase("PlaceOrder", "HappyPath").orElseThrow();
        VirtualScheduler scheduler = new VirtualScheduler(Harness.T0);
        Executions first = new Executions((fn, payload) -> {
            throw new AssertionError("no call expected: " + fn);
        }, scheduler, new java.util.Random(1), "us-east-1", FileExecutionJournal.inFolder(folder),
                Executions.Retention.DEFAULT);
        Execution started = first.start(machine, "resumed", "{\"orderId\":\"o-1\"}", mocks);
        first.close(); // "stops" before the scheduler ran anything: the execution is recorded RUNNING

        VirtualScheduler again = new VirtualScheduler(Harness.T0);
        Executions second = new Executions((fn, payload) -> {
            throw new AssertionError("no call expected: " + fn);
        }, again, new java.util.Random(1), "us-east-1", FileExecutionJournal.inFolder(folder),
                Executions.Retention.DEFAULT);
        assertThat(second.recover((arn, definition) -> machine)).isEqualTo(1);
        Execution resumed = second.find(started.arn()).orElseThrow();
        again.runUntilDone(resumed.completion());

        assertThat(resumed.mockTestCase()).map(MockTestCase::name).contains("HappyPath");
        assertThat(resumed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(resumed.output()).isEqualTo(Harness.json("{\"orderId\":\"o-1\",\"status\":\"CONFIRMED\"}"));
    }

    @Test
    void a_bad_file_is_refused_naming_what_is_wrong() {
        assertThatThrownBy(() -> MockConfig.parse("[]")).hasMessage("the mock configuration must be a JSON object");
        assertThatThrownBy(() -> MockConfig.parse("{\"StateMachines\":{\"M\":{\"TestCases\":{\"T\":{\"S\":\"R\"}}}}}"))
                .hasMessage("state 'S' in test case 'T' of state machine 'M' names the mocked response 'R', which "
                        + "MockedResponses does not have");
        assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\":{\"R\":{\"1\":{\"Return\":1}}}}"))
                .hasMessage("mocked response 'R' must number its attempts from 0 without a gap or an overlap: "
                        + "attempt 0 is missing");
        assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\":{\"R\":{\"0-2\":{\"Return\":1},"
                + "\"2\":{\"Return\":2}}}}"))
                .hasMessage("mocked response 'R' must number its attempts from 0 without a gap or an overlap: "
                        + "attempt 3 is given twice");
        assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\":{\"R\":{\"a\":{\"Return\":1}}}}"))
                .hasMessage("mocked response 'R' has the attempt key 'a': a key is a number (\"0\") or a range (\"1-2\")");
        assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\":{\"R\":{\"0\":{\"Return\":1,\"Throw\":{}}}}}"))
                .hasMessageStartingWith("mocked response 'R', attempt '0' must be {\"Return\": ...} or");
        assertThatThrownBy(() -> MockConfig.parse("{\"MockedResponses\":{\"R\":{\"0\":{\"Throw\":{\"Cause\":\"c\"}}}}}"))
                .hasMessage("mocked response 'R', attempt '0': Throw needs a string Error and, optionally, a string Cause");
        assertThatThrownBy(() -> MockConfig.parse("{\"Mocks\":{}}"))
                .hasMessageStartingWith("the mock configuration has an unknown field 'Mocks'");
        assertThat(MockConfig.parse("{}").testCase("M", "T")).isEmpty();
    }
}
