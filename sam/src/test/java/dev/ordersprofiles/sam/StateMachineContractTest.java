package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** statemachine/place-order.asl.json against docs/architecture.md §6, the template and the application's error classes. */
class StateMachineContractTest {
    private static final String ASL_TEXT = Template.read(Template.SAM_DIR.resolve("statemachine/place-order.asl.json"));
    private final Template template = Template.load();

    private static String aslWith(String find, String replacement) {
        assertThat(ASL_TEXT).contains(find);
        return ASL_TEXT.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replacement));
    }

    @Test
    void every_function_the_state_machine_calls_exists_in_the_template() {
        assertThat(TemplateChecks.stateMachineFunctions(template, ASL_TEXT)).isEmpty();
        assertThat(TemplateChecks.stateMachineFunctions(template, aslWith("${ConfirmOrderFunctionArn}", "${ConfirmFunctionArn}")))
                .contains("ASL placeholder ${ConfirmFunctionArn} has no DefinitionSubstitution",
                        "DefinitionSubstitution ConfirmOrderFunctionArn is not used by the ASL");
        assertThat(TemplateChecks.stateMachineFunctions(Template.mutated(
                "        RefundPaymentFunctionArn: !GetAtt RefundPaymentFunction.Arn\n",
                "        RefundPaymentFunctionArn: !GetAtt WelcomeFailuresQueue.Arn\n"), ASL_TEXT))
                .singleElement().asString().contains("is not a function of the template");
    }

    @Test
    void the_state_machine_calls_the_charge_payment_alias() {
        assertThat(TemplateChecks.stateMachineFunctions(Template.mutated(
                "        ChargePaymentFunctionArn: !Ref ChargePaymentFunction.Alias\n",
                "        ChargePaymentFunctionArn: !GetAtt ChargePaymentFunction.Arn\n"), ASL_TEXT))
                .singleElement().asString().startsWith("the state machine must call the charge-payment alias");
    }

    @Test
    void every_task_invokes_lambda_with_the_state_and_retries_transient_errors_with_jitter() {
        assertThat(AslChecks.tasks(AslChecks.parse(ASL_TEXT))).isEmpty();
        assertThat(AslChecks.tasks(AslChecks.parse(aslWith("\"JitterStrategy\": \"FULL\"", "\"JitterStrategy\": \"NONE\""))))
                .containsExactly("Validate: retrier needs MaxAttempts, BackoffRate > 1, MaxDelaySeconds and JitterStrategy FULL");
        assertThat(AslChecks.tasks(AslChecks.parse(aslWith("\"Lambda.TooManyRequestsException\"", "\"Lambda.Unknown\""))))
                .singleElement().asString().startsWith("Validate: first retrier must cover");
        assertThat(AslChecks.tasks(AslChecks.parse(aslWith("\"status.$\": \"$.Payload.status\"", "\"status.$\": \"$.status\""))))
                .containsExactly("Validate: ResultSelector must take orderId and status from $.Payload");
    }

    @Test
    void business_failures_are_caught_by_class_name_and_compensated_before_the_order_is_marked_failed() {
        assertThat(AslChecks.compensation(AslChecks.parse(ASL_TEXT))).isEmpty();
        assertThat(AslChecks.compensation(AslChecks.parse(aslWith(
                "\"ErrorEquals\": [\n            \"dev.ordersprofiles.application.order.PaymentDeclined\"\n          ],\n          \"ResultPath\": \"$.error\",\n          \"Next\": \"RefundPayment\"",
                "\"ErrorEquals\": [\n            \"dev.ordersprofiles.application.order.PaymentDeclined\"\n          ],\n          \"ResultPath\": \"$.error\",\n          \"Next\": \"MarkFailed\""))))
                .containsExactly("dev.ordersprofiles.application.order.PaymentDeclined at Charge should go "
                        + "[Charge, RefundPayment, ReleaseInventory, MarkFailed, OrderFailed], goes [Charge, MarkFailed, OrderFailed]");
    }

    @Test
    void compensations_keep_their_input_so_mark_failed_sees_the_error() {
        String broken = aslWith("\"ResultPath\": null,\n      \"Retry\"", "\"ResultPath\": \"$.refund\",\n      \"Retry\"");
        assertThat(AslChecks.compensation(AslChecks.parse(broken)))
                .contains("RefundPayment: a compensation must keep its input (ResultPath null) so MarkFailed sees error");
    }

    @Test
    void a_catcher_that_drops_the_error_is_reported() {
        String broken = aslWith("\"ResultPath\": \"$.error\",\n          \"Next\": \"MarkFailed\"",
                "\"ResultPath\": \"$.failure\",\n          \"Next\": \"MarkFailed\"");
        assertThat(AslChecks.compensation(AslChecks.parse(broken)))
                .contains("Validate: catcher for dev.ordersprofiles.application.order.OrderValidationFailed must put the error at $.error");
    }

    @Test
    void the_caught_error_names_are_the_application_exception_classes() {
        // The Java runtime reports errorType = Throwable.getClass().getName(); a rename must break this test.
        JsonNode asl = AslChecks.parse(ASL_TEXT);
        List<String> caught = new ArrayList<>();
        asl.path("States").forEach(s -> s.path("Catch").forEach(c -> c.path("ErrorEquals").forEach(e -> caught.add(e.asText()))));
        List<String> business = caught.stream().filter(e -> !e.startsWith("States.")).distinct().toList();
        // The transient error is retried, never caught by name: a Catch of it would skip the retries.
        assertThat(business).doesNotContain(Contract.DEPENDENCY_UNAVAILABLE);
        assertThat(business).containsExactlyInAnyOrderElementsOf(Contract.BUSINESS_ERRORS);
        for (String className : business) {
            assertThat(Template.REPO.resolve("application/src/main/java").resolve(className.replace('.', '/') + ".java"))
                    .as("error class %s", className).satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
        }
    }
}
