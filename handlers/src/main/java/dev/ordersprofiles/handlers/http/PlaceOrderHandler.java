package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.application.order.PlaceOrder;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;

/** POST /orders: 202 {"orderId","status"} with Location /orders/{id}; honours the Idempotency-Key header. */
public final class PlaceOrderHandler extends ApiHandler {
    private final Cors cors;
    private final Invocations invocations = new Invocations("orders-create");
    private final PlaceOrder placeOrder;

    public PlaceOrderHandler() {
        this(Components.fromEnvironment());
    }

    public PlaceOrderHandler(OrdersComponent component) {
        this.cors = Cors.of(component.config());
        this.placeOrder = component.placeOrder();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiCall.run(cors, invocations, event, context, request -> {
            var user = Identity.of(request).userId();
            PlaceOrderCommand command = HttpJson.read(request, PlaceOrderRequest::read)
                    .toCommand(user, request.header("Idempotency-Key"));
            Order order = placeOrder.place(command);
            APIGatewayProxyResponseEvent response = HttpJson.json(202, OrderAcceptedResponse.from(order));
            response.getHeaders().put("Location", "/orders/" + order.id().value());
            return response;
        });
    }
}
