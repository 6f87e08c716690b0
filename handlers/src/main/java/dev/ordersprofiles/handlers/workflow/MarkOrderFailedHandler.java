package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.application.order.MarkOrderFailed;
import dev.ordersprofiles.application.order.MarkOrderFailedCommand;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttention;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/**
 * The saga's two ends that fail an order. Without {@code undoError}: compensation's last step, moving the order to
 * FAILED with reason = the simple class name of the caught error ({@code error.Error}, the text after its last '.').
 * With {@code undoError} (a compensation, or that marking, failed after its retries: the state machine's
 * NeedsAttention state): the order ends FAILED as needing attention, the reason naming both errors and what the
 * order may still hold. A no-op when the order is already terminal.
 */
public final class MarkOrderFailedHandler extends MapHandler {
    private final Invocations invocations = new Invocations("mark-order-failed");
    private final MarkOrderFailed markOrderFailed;
    private final MarkOrderNeedsAttention markNeedsAttention;

    public MarkOrderFailedHandler() {
        this(Components.fromEnvironment());
    }

    public MarkOrderFailedHandler(OrdersComponent component) {
        this.markOrderFailed = component.markOrderFailed();
        this.markNeedsAttention = component.markOrderNeedsAttention();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String undoError = errorName(input, "undoError");
        if (undoError != null) {
            String cause = (errorName(input, "error") == null ? "Unknown" : errorName(input, "error"))
                    + ", then " + undoError;
            return StepCall.run(invocations, input, context,
                    (orderId, in) -> markNeedsAttention.markNeedsAttention(new MarkOrderFailedCommand(orderId, cause)));
        }
        return StepCall.run(invocations, input, context,
                (orderId, in) -> markOrderFailed.markFailed(
                        new MarkOrderFailedCommand(orderId, reason(in), StepCall.expected(in))));
    }

    /** {@code "dev.ordersprofiles.application.order.OutOfStock"} gives {@code "OutOfStock"}; null when absent. */
    static String reason(Map<String, Object> input) {
        return errorName(input, "error");
    }

    private static String errorName(Map<String, Object> input, String field) {
        if (input == null || !(input.get(field) instanceof Map<?, ?> error)
                || !(error.get("Error") instanceof String name)) {
            return null;
        }
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
