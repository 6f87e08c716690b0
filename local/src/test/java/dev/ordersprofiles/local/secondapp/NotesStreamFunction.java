package dev.ordersprofiles.local.secondapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The second application's stream consumer: logs each batch it is given, on one line. */
public final class NotesStreamFunction implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String batch = new String(input.readAllBytes(), StandardCharsets.UTF_8).replace('\n', ' ');
        System.out.println("NOTES-STREAM " + batch);
        output.write("{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8));
    }
}
