package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.handlers.common.MapHandler;
import dev.ordersprofiles.application.order.RefundPayment;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.util.Map;

/** Compensation: refunds the order's charge; a no-op when there is none. Answers the unchanged status. */
public final class RefundPaymentHandler extends MapHandler {
    private final Invocations invocations = new Invocations("refund-payment");
    private final RefundPayment useCase;

    public RefundPaymentHandler() {
        this(Components.fromEnvironment());
    }

    public RefundPaymentHandler(OrdersComponent component) {
        this.useCase = component.refundPayment();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return StepCall.run(invocations, input, context,
                (orderId, in) -> useCase.refund(orderId, StepCall.expected(in)));
    }
}
