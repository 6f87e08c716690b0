package dev.ordersprofiles.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ordersprofiles.handlers.http.UpsertProfileHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** UpsertProfileHandler over {@link SdkWiring} (the "java-sdk" variant): the same stream entry point the runtime calls. */
public final class SdkUpsertProfileHandler implements RequestStreamHandler {
    private final UpsertProfileHandler delegate = new UpsertProfileHandler(SdkWiring.component());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
