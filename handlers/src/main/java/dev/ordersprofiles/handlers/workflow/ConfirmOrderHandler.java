package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.ConfirmOrder;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/** Workflow step Confirm: CHARGED to CONFIRMED. */
public final class ConfirmOrderHandler extends MapHandler {
    private final Invocations invocations = new Invocations("confirm-order");
    private final ConfirmOrder useCase;

    public ConfirmOrderHandler() {
        this(Components.fromEnvironment());
    }

    public ConfirmOrderHandler(OrdersComponent component) {
        this.useCase = component.confirmOrder();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> useCase.confirm(orderId, StepCall.expected(in)));
    }
}
