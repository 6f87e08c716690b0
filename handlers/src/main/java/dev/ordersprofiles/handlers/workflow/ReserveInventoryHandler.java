package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.ReserveInventory;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/** Workflow step Reserve: VALIDATED to RESERVED; throws {@code dev.ordersprofiles.application.order.OutOfStock}. */
public final class ReserveInventoryHandler extends MapHandler {
    private final Invocations invocations = new Invocations("reserve-inventory");
    private final ReserveInventory useCase;

    public ReserveInventoryHandler() {
        this(Components.fromEnvironment());
    }

    public ReserveInventoryHandler(OrdersComponent component) {
        this.useCase = component.reserveInventory();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> useCase.reserve(orderId, StepCall.expected(in)));
    }
}
