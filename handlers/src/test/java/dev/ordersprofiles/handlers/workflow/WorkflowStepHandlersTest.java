package dev.ordersprofiles.handlers.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.World;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowStepHandlersTest {
    private static final Path ASL = Path.of("..", "sam", "statemachine", "place-order.asl.json");
    private final World world = new World();
    private final ValidateOrderHandler validate = new ValidateOrderHandler(world.component);
    private final ReserveInventoryHandler reserve = new ReserveInventoryHandler(world.component);
    private final ChargePaymentHandler charge = new ChargePaymentHandler(world.component);
    private final ConfirmOrderHandler confirm = new ConfirmOrderHandler(world.component);
    private final ReleaseInventoryHandler release = new ReleaseInventoryHandler(world.component);
    private final RefundPaymentHandler refund = new RefundPaymentHandler(world.component);
    private final MarkOrderFailedHandler markFailed = new MarkOrderFailedHandler(world.component);

    @Test
    void the_four_steps_take_a_pending_order_to_confirmed() {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();

        assertThat(Steps.run(validate, Steps.input("step-validate-order", id)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("orderId", id, "status", "VALIDATED"));
        assertThat(Steps.run(reserve, Steps.input("step-validate-order", id))).containsEntry("status", "RESERVED");
        assertThat(Steps.run(charge, Steps.input("step-validate-order", id))).containsEntry("status", "CHARGED");
        assertThat(Steps.run(confirm, Steps.input("step-validate-order", id))).containsEntry("status", "CONFIRMED");

        assertThat(world.stored(dev.ordersprofiles.domain.order.OrderId.of(id)).status())
                .isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void running_a_step_again_returns_the_same_result() {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();
        Steps.run(validate, Steps.input("step-validate-order", id));
        Steps.run(reserve, Steps.input("step-validate-order", id));

        assertThat(Steps.run(reserve, Steps.input("step-validate-order", id))).containsEntry("status", "RESERVED");
        assertThat(Steps.run(validate, Steps.input("step-validate-order", id))).containsEntry("status", "RESERVED");
    }

    @Test
    void each_step_writes_one_log_line_with_its_outcome() {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();
        try (CapturedStdout out = new CapturedStdout()) {
            Steps.run(validate, Steps.input("step-validate-order", id));

            assertThat(out.invocationLines()).hasSize(1);
            var line = out.invocationLines().get(0);
            assertThat(line.path("function").asText()).isEqualTo("validate-order");
            assertThat(line.path("step").asText()).isEqualTo("validate-order");
            assertThat(line.path("orderId").asText()).isEqualTo(id);
            assertThat(line.path("outcome").asText()).isEqualTo("ok");
            assertThat(line.path("orderStatus").asText()).isEqualTo("VALIDATED");
        }
    }

    @Test
    void a_step_whose_payload_names_another_amount_refuses_as_a_business_error_and_changes_nothing() throws Exception {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();
        Steps.run(validate, Steps.input("step-validate-order", id));
        Map<String, Object> input = Steps.input("step-validate-order", id);
        input.put("amount", "4250.00");

        Throwable thrown = catchThrowable(() -> Steps.viaStream(reserve, input));

        assertThat(thrown.getClass().getName()).isEqualTo(ErrorNames.PAYLOAD_MISMATCH);
        assertThat(world.stored(dev.ordersprofiles.domain.order.OrderId.of(id)).status())
                .isEqualTo(OrderStatus.VALIDATED);
        // Not retried: no task's Retry lists it; every forward task's Catch takes it (States.ALL) to compensation.
        JsonNode states = Steps.tree(Files.readString(ASL)).path("States");
        for (String task : List.of("Validate", "Reserve", "Charge", "Confirm")) {
            Set<String> retried = new HashSet<>();
            states.path(task).path("Retry").forEach(r -> r.path("ErrorEquals").forEach(e -> retried.add(e.asText())));
            Set<String> caught = new HashSet<>();
            states.path(task).path("Catch").forEach(c -> c.path("ErrorEquals").forEach(e -> caught.add(e.asText())));
            assertThat(retried).as(task).doesNotContain(ErrorNames.PAYLOAD_MISMATCH, "States.ALL");
            assertThat(caught).as(task).contains("States.ALL");
        }
    }

    @Test
    void a_step_whose_payload_matches_the_stored_order_runs() {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();
        Map<String, Object> input = Steps.input("step-validate-order", id);
        input.put("userId", dev.ordersprofiles.handlers.support.Api.SUB);
        input.put("amount", 42.5);
        input.put("items", List.of(Map.of("sku", "A-1", "qty", 2)));

        assertThat(Steps.run(validate, input)).containsEntry("status", "VALIDATED");
    }

    @Test
    void a_step_payload_with_a_malformed_amount_or_items_is_refused() {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();
        Map<String, Object> badAmount = Steps.input("step-validate-order", id);
        badAmount.put("amount", List.of(1));
        Map<String, Object> badItems = Steps.input("step-validate-order", id);
        badItems.put("items", List.of(Map.of("sku", "A-1", "qty", 1.5)));

        assertThat(catchThrowable(() -> Steps.viaStream(validate, badAmount)))
                .isInstanceOf(dev.ordersprofiles.domain.shared.InvalidValue.class).hasMessageContaining("amount");
        assertThat(catchThrowable(() -> Steps.viaStream(validate, badItems)))
                .isInstanceOf(dev.ordersprofiles.domain.shared.InvalidValue.class).hasMessageContaining("items");
        assertThat(world.stored(dev.ordersprofiles.domain.order.OrderId.of(id)).status())
                .isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void validating_an_order_with_a_sku_that_is_not_sold_raises_OrderValidationFailed() {
        String id = world.pendingOrder("42.50", "DISCONTINUED-1", 1).id().value();

        Throwable thrown = catchThrowable(() -> Steps.viaStream(validate, Steps.input("step-validate-order", id)));

        assertThat(thrown.getClass().getName()).isEqualTo(ErrorNames.VALIDATION_FAILED);
    }

    @Test
    void reserving_a_sold_out_sku_raises_OutOfStock() {
        String id = world.pendingOrder("42.50", "SOLDOUT-1", 1).id().value();
        Steps.run(validate, Steps.input("step-validate-order", id));

        Throwable thrown = catchThrowable(() -> Steps.viaStream(reserve, Steps.input("step-validate-order", id)));

        assertThat(thrown.getClass().getName()).isEqualTo(ErrorNames.OUT_OF_STOCK);
    }

    @Test
    void charging_above_the_decline_limit_raises_PaymentDeclined_and_logs_it_as_the_outcome() {
        String id = world.pendingOrder("5000.01", "A-1", 1).id().value();
        Steps.run(validate, Steps.input("step-validate-order", id));
        Steps.run(reserve, Steps.input("step-validate-order", id));
        try (CapturedStdout out = new CapturedStdout()) {
            Throwable thrown = catchThrowable(() -> Steps.viaStream(charge, Steps.input("step-validate-order", id)));

            assertThat(thrown.getClass().getName()).isEqualTo(ErrorNames.PAYMENT_DECLINED);
            var line = out.invocationLines().get(0);
            assertThat(line.path("outcome").asText()).isEqualTo("PaymentDeclined");
            assertThat(line.path("errorType").asText()).isEqualTo(ErrorNames.PAYMENT_DECLINED);
            assertThat(line.path("level").asText()).isEqualTo("WARN");
        }
    }

    @Test
    void the_compensation_path_releases_refunds_and_marks_the_order_failed_with_the_simple_error_name() {
        String id = world.pendingOrder("5000.01", "A-1", 1).id().value();
        Steps.run(validate, Steps.input("step-validate-order", id));
        Steps.run(reserve, Steps.input("step-validate-order", id));
        Map<String, Object> failedInput = Steps.input("step-mark-order-failed", id);

        assertThat(Steps.run(release, failedInput)).containsEntry("status", "COMPENSATING");
        assertThat(Steps.run(refund, failedInput)).containsEntry("status", "COMPENSATING");
        try (CapturedStdout out = new CapturedStdout()) {
            assertThat(Steps.run(markFailed, failedInput)).containsEntry("status", "FAILED");
            assertThat(out.metricLines()).hasSize(1);
            assertThat(out.metricLines().get(0).path("OrdersFailed").asInt()).isEqualTo(1);
            assertThat(out.metricLines().get(0).path("reason").asText()).isEqualTo("PaymentDeclined");
        }

        Order failed = world.stored(dev.ordersprofiles.domain.order.OrderId.of(id));
        assertThat(failed.failureReason()).contains("PaymentDeclined");
    }

    @Test
    void marking_failed_with_an_undo_error_records_what_needs_attention_and_counts_it() {
        String id = world.pendingOrder("10.00", "A-1", 1).id().value();
        Steps.run(validate, Steps.input("step-validate-order", id));
        Steps.run(reserve, Steps.input("step-validate-order", id));
        Map<String, Object> input = new java.util.LinkedHashMap<>(Steps.input("step-mark-order-failed", id));
        input.put("undoError", Map.of("Error", "dev.ordersprofiles.application.shared.DependencyUnavailable",
                "Cause", "{}"));

        try (CapturedStdout out = new CapturedStdout()) {
            assertThat(Steps.run(markFailed, input)).containsEntry("status", "FAILED");
            assertThat(out.metricLines()).hasSize(1);
            assertThat(out.metricLines().get(0).path("OrdersNeedingAttention").asInt()).isEqualTo(1);
        }

        Order failed = world.stored(dev.ordersprofiles.domain.order.OrderId.of(id));
        assertThat(failed.needsAttention()).isTrue();
        assertThat(failed.failureReason().orElseThrow())
                .isEqualTo("needs attention: PaymentDeclined, then DependencyUnavailable; not undone: reservation, charge");
    }

    @Test
    void marking_a_terminal_order_failed_changes_nothing() {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();
        for (var step : List.of(validate, reserve, charge, confirm)) {
            Steps.run(step, Steps.input("step-validate-order", id));
        }

        assertThat(Steps.run(markFailed, Steps.input("step-mark-order-failed", id))).containsEntry("status", "CONFIRMED");
    }

    @Test
    void a_missing_error_gives_the_reason_Unknown() {
        String id = world.pendingOrder("42.50", "A-1", 2).id().value();

        Steps.run(markFailed, Steps.input("step-validate-order", id));

        assertThat(world.stored(dev.ordersprofiles.domain.order.OrderId.of(id)).failureReason()).contains("Unknown");
    }

    @Test
    void the_reason_is_the_text_after_the_last_dot_of_the_error_name() {
        assertThat(MarkOrderFailedHandler.reason(Map.of("error", Map.of("Error", ErrorNames.OUT_OF_STOCK))))
                .isEqualTo("OutOfStock");
        assertThat(MarkOrderFailedHandler.reason(Map.of("error", Map.of("Error", "States.Timeout"))))
                .isEqualTo("Timeout");
        assertThat(MarkOrderFailedHandler.reason(Map.of("error", Map.of("Error", "Plain")))).isEqualTo("Plain");
        assertThat(MarkOrderFailedHandler.reason(Map.of())).isNull();
    }

    @Test
    void an_input_without_a_valid_order_id_is_refused() {
        assertThatThrownBy(() -> validate.handleRequest(Map.of("orderId", "NOT-A-UUID"), null))
                .isInstanceOf(dev.ordersprofiles.domain.shared.InvalidValue.class);
        assertThatThrownBy(() -> validate.handleRequest(Map.of(), null))
                .isInstanceOf(dev.ordersprofiles.domain.shared.InvalidValue.class);
    }

    @Test
    void a_step_for_an_unknown_order_raises_OrderNotFound() {
        Throwable thrown = catchThrowable(() ->
                confirm.handleRequest(Steps.input("step-validate-order", "0b7c6a2e-3d41-4f8a-9e5b-7c2d1f0a3b4c"), null));

        assertThat(thrown.getClass().getSimpleName()).isEqualTo("OrderNotFound");
    }
}
