package dev.ordersprofiles.local.secondapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The second application's scheduled function: logs the event EventBridge sends. */
public final class TickFunction implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8).replace('\n', ' ');
        System.out.println("NOTES-TICK " + event);
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
