package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.application.order.GetOrder;
import dev.ordersprofiles.application.order.GetOrderQuery;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;

/** GET /orders/{id}: one of the caller's orders with its history; anyone else's answers 404. */
public final class GetOrderHandler extends ApiHandler {
    private final Cors cors;
    private final Invocations invocations = new Invocations("orders-get");
    private final GetOrder getOrder;

    public GetOrderHandler() {
        this(Components.fromEnvironment());
    }

    public GetOrderHandler(OrdersComponent component) {
        this.cors = Cors.of(component.config());
        this.getOrder = component.getOrder();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiCall.run(cors, invocations, event, context, request -> {
            UserId requester = Identity.of(request).userId();
            Fields fields = new Fields();
            String raw = request.pathParameter("id").orElse(null);
            OrderId orderId = fields.required("id", raw) ? fields.build("id", () -> OrderId.of(raw)) : null;
            fields.check();
            return HttpJson.json(200, OrderResponse.from(getOrder.get(new GetOrderQuery(requester, orderId))));
        });
    }
}
