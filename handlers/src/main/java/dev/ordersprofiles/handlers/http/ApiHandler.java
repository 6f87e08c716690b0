package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An API Gateway REST proxy handler with both entry points: the typed one (tests, and runtimes that use the
 * event library) and the byte-stream one, which the Lambda Java runtime prefers and which skips its event
 * serialisation set-up on a cold start (see {@link ApiStreams}).
 */
public abstract class ApiHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiStreams.handle(this, input, output, context);
    }
}
