package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.ReleaseInventory;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/** Compensation: gives back the order's reservation; a no-op when there is none. Answers the unchanged status. */
public final class ReleaseInventoryHandler extends MapHandler {
    private final Invocations invocations = new Invocations("release-inventory");
    private final ReleaseInventory useCase;

    public ReleaseInventoryHandler() {
        this(Components.fromEnvironment());
    }

    public ReleaseInventoryHandler(OrdersComponent component) {
        this.useCase = component.releaseInventory();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> useCase.release(orderId, StepCall.expected(in)));
    }
}
