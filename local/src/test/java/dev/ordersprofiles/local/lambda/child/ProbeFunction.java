package dev.ordersprofiles.local.lambda.child;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function for the function-process tests, run by the Lambda Runtime Interface Client in a child JVM: it answers
 * with what it sees of its environment, or fails, hangs or exits when its payload says so.
 */
public final class ProbeFunction implements RequestStreamHandler {
    private static final long PID = ProcessHandle.current().pid();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String payload = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("probe got " + payload);
        if (payload.contains("fail")) {
            throw new IllegalStateException("boom");
        }
        if (payload.contains("hang")) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (payload.contains("exit")) {
            System.exit(3);
        }
        String answer = "{\"pid\":" + PID
                + ",\"greeting\":\"" + System.getenv("GREETING") + "\""
                + ",\"function\":\"" + System.getenv("AWS_LAMBDA_FUNCTION_NAME") + "\""
                + ",\"endpoint\":\"" + System.getenv("AWS_ENDPOINT_URL") + "\""
                + ",\"accessKey\":\"" + System.getenv("AWS_ACCESS_KEY_ID") + "\""
                + ",\"requestId\":\"" + context.getAwsRequestId() + "\""
                + ",\"arn\":\"" + context.getInvokedFunctionArn() + "\""
                + ",\"remainingMs\":" + context.getRemainingTimeInMillis()
                + ",\"maxHeapMb\":" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + ",\"home\":\"" + (System.getenv("HOME") == null ? "" : "set") + "\"}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
