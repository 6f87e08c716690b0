package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.MarkOrderFailed;
import dev.ordersprofiles.application.order.MarkOrderFailedCommand;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/**
 * Compensation's last step: moves the order to FAILED with reason = the simple class name of the caught error
 * ({@code error.Error}, the text after its last '.'); a no-op when the order is already terminal.
 */
public final class MarkOrderFailedHandler extends MapHandler {
    private final Invocations invocations = new Invocations("mark-order-failed");
    private final MarkOrderFailed markOrderFailed;

    public MarkOrderFailedHandler() {
        this(Components.fromEnvironment());
    }

    public MarkOrderFailedHandler(OrdersComponent component) {
        this.markOrderFailed = component.markOrderFailed();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> markOrderFailed.markFailed(new MarkOrderFailedCommand(orderId, reason(in))));
    }

    /** {@code "dev.ordersprofiles.application.order.OutOfStock"} gives {@code "OutOfStock"}; null when absent. */
    static String reason(Map<String, Object> input) {
        if (!(input.get("error") instanceof Map<?, ?> error) || !(error.get("Error") instanceof String name)) {
            return null;
        }
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
