package dev.ordersprofiles.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ordersprofiles.handlers.http.GetProfileHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** GetProfileHandler over {@link SdkWiring} (the "java-sdk" variant): the same stream entry point the runtime calls. */
public final class SdkGetProfileHandler implements RequestStreamHandler {
    private final GetProfileHandler delegate = new GetProfileHandler(SdkWiring.component());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
