package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.ValidateOrder;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/** Workflow step Validate: PENDING to VALIDATED; throws {@code dev.ordersprofiles.application.order.OrderValidationFailed}. */
public final class ValidateOrderHandler extends MapHandler {
    private final Invocations invocations = new Invocations("validate-order");
    private final ValidateOrder useCase;

    public ValidateOrderHandler() {
        this(Components.fromEnvironment());
    }

    public ValidateOrderHandler(OrdersComponent component) {
        this.useCase = component.validateOrder();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> useCase.validate(orderId, StepCall.expected(in)));
    }
}
