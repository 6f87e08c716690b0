package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.ChargePayment;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;
import org.crac.Core;

/** Workflow step Charge: RESERVED to CHARGED; throws {@code dev.ordersprofiles.application.order.PaymentDeclined}. */
public final class ChargePaymentHandler extends MapHandler {
    private final Invocations invocations = new Invocations("charge-payment");
    private final ChargePayment useCase;
    /** Held here: org.crac's context references its resources weakly. Null when built by the other constructor. */
    private final ChargePaymentSnapStart snapStart;

    /** What Lambda calls; also registers the SnapStart hooks (a no-op on JVMs without CRaC). */
    public ChargePaymentHandler() {
        OrdersComponent component = Components.fromEnvironment();
        this.useCase = component.chargePayment();
        this.snapStart = new ChargePaymentSnapStart(component);
        Core.getGlobalContext().register(snapStart);
    }

    public ChargePaymentHandler(OrdersComponent component) {
        this.useCase = component.chargePayment();
        this.snapStart = null;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> useCase.charge(orderId, StepCall.expected(in)));
    }
}
