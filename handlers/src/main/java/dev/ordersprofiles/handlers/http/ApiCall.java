package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.handlers.common.Invocation;
import dev.ordersprofiles.handlers.common.Invocations;
import java.util.function.Function;

/**
 * Runs one API invocation: its log line, the route body, every error through {@link HttpErrorMapper}, and the CORS
 * headers on whatever comes out.
 */
final class ApiCall {
    private ApiCall() {
    }

    static APIGatewayProxyResponseEvent run(Cors cors, Invocations invocations, APIGatewayProxyRequestEvent event,
                                            Context context,
                                            Function<HttpRequest, APIGatewayProxyResponseEvent> route) {
        try (Invocation invocation = invocations.start(context)) {
            APIGatewayProxyResponseEvent response;
            if (event == null) {
                response = HttpErrorMapper.toResponse(RequestRejected.badRequest("No request."), invocation);
            } else {
                HttpRequest request = new HttpRequest(event);
                invocation.put("route", request.route());
                try {
                    response = route.apply(request);
                } catch (Exception e) {
                    response = HttpErrorMapper.toResponse(e, invocation);
                }
            }
            invocation.put("status", response.getStatusCode());
            return cors.apply(response);
        }
    }
}
