package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;

/** GET /health (public): 200 {"ok":true,"service":"serverless-api"}. Builds no use case at all. */
public final class HealthHandler extends ApiHandler {
    private final Cors cors;
    private final Invocations invocations = new Invocations("health");

    public HealthHandler() {
        this.cors = Cors.of(HandlerConfig.fromEnv());
    }

    /** For callers that hand every handler the shared component; health needs nothing from it. */
    public HealthHandler(OrdersComponent component) {
        this.cors = Cors.of(component.config());
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiCall.run(cors, invocations, event, context, request -> HttpJson.json(200, HealthResponse.UP));
    }
}
