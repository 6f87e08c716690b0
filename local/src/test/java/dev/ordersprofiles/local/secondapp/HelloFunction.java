package dev.ordersprofiles.local.secondapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The second application's API function: answers the proxy event with its path and its environment. */
public final class HelloFunction implements RequestStreamHandler {
    private static final Pattern PATH = Pattern.compile("\"path\"\\s*:\\s*\"([^\"]*)\"");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Matcher path = PATH.matcher(event);
        String body = "{\\\"path\\\":\\\"" + (path.find() ? path.group(1) : "") + "\\\""
                + ",\\\"greeting\\\":\\\"" + System.getenv("GREETING") + "\\\""
                + ",\\\"table\\\":\\\"" + System.getenv("NOTES_TABLE") + "\\\""
                + ",\\\"endpoint\\\":\\\"" + System.getenv("AWS_ENDPOINT_URL") + "\\\"}";
        String response = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\""
                + body + "\"}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }
}
