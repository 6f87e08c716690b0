package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.handlers.common.Invocations;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** GET /health (public): 200 {"ok":true,"service":"serverless-api"}. Builds no use case at all. */
public final class HealthHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        RequestStreamHandler {
    private final Invocations invocations = new Invocations("health");

    public HealthHandler() {
    }

    /** For callers that hand every handler the shared component; health needs nothing from it. */
    public HealthHandler(OrdersComponent component) {
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return ApiCall.run(invocations, event, context, request -> HttpJson.json(200, HealthResponse.UP));
    }

    /** What the Lambda runtime calls: the same request without the runtime's event serialisation (see ApiStreams). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiStreams.handle(this, input, output, context);
    }
}
