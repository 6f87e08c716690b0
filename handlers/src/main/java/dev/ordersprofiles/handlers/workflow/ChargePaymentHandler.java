package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.ChargePayment;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/** Workflow step Charge: RESERVED to CHARGED; throws {@code dev.ordersprofiles.application.order.PaymentDeclined}. */
public final class ChargePaymentHandler extends MapHandler {
    private final Invocations invocations = new Invocations("charge-payment");
    private final ChargePayment useCase;

    public ChargePaymentHandler() {
        this(Components.fromEnvironment());
    }

    public ChargePaymentHandler(OrdersComponent component) {
        this.useCase = component.chargePayment();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> useCase.charge(orderId, StepCall.expected(in)));
    }
}
