package dev.ordersprofiles.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.template.FunctionDef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * The part of the Lambda API the AWS CLI and SDKs need to invoke functions here:
 * {@code POST /2015-03-31/functions/{name}/invocations} (RequestResponse, Event, DryRun) and
 * {@code GET /2015-03-31/functions/}. Requests reach it only SigV4-signed with the stack's credentials
 * ({@link dev.ordersprofiles.local.aws.AwsSignatureGuard}) and at most 6 MB
 * ({@link dev.ordersprofiles.local.http.Limits#MAX_INVOKE_BODY}). The list omits each function's
 * {@code Environment}: its values (table names, and in other templates secrets) are not shown through the API.
 */
public final class LambdaInvokeApi {
    public static final String PREFIX = "/2015-03-31/functions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaRuntime runtime;
    private final Executor asyncInvocations;

    public LambdaInvokeApi(LambdaRuntime runtime, Executor asyncInvocations) {
        this.runtime = runtime;
        this.asyncInvocations = asyncInvocations;
    }

    public boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    public HttpResponse handle(HttpRequest request) {
        String rest = request.path().substring(PREFIX.length());
        if (request.method().equals("GET") && (rest.isEmpty() || rest.equals("/"))) {
            return list();
        }
        if (request.method().equals("POST") && rest.startsWith("/") && rest.endsWith("/invocations")) {
            String name = URLDecoder.decode(rest.substring(1, rest.length() - "/invocations".length()),
                    StandardCharsets.UTF_8);
            return invoke(name, request);
        }
        return error(404, "UnknownOperationException", "Unknown operation " + request.method() + " " + request.path());
    }

    private HttpResponse invoke(String name, HttpRequest request) {
        if (runtime.find(name).isEmpty()) {
            return error(404, "ResourceNotFoundException", "Function not found: " + name);
        }
        byte[] payload = request.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : request.body();
        String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
        switch (type) {
            case "DryRun":
                return HttpResponse.of(204, "application/json", new byte[0]);
            case "Event":
                asyncInvocations.execute(() -> runtime.invoke(name, payload));
                return HttpResponse.of(202, "application/json", new byte[0]);
            case "RequestResponse":
                break;
            default:
                return error(400, "InvalidParameterValueException", "Unknown invocation type " + type);
        }
        InvocationResult result = runtime.invoke(name, payload);
        if (result instanceof InvocationResult.Success success) {
            return HttpResponse.of(200, "application/json", success.payload()).with("X-Amz-Executed-Version", "$LATEST");
        }
        if (result instanceof InvocationResult.FunctionError failure) {
            return HttpResponse.of(200, "application/json", failure.payload())
                    .with("X-Amz-Function-Error", "Unhandled").with("X-Amz-Executed-Version", "$LATEST");
        }
        ObjectNode body = JSON.createObjectNode().put("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded")
                .put("Type", "User").put("message", "Rate Exceeded.");
        return HttpResponse.json(429, body.toString()).with("x-amzn-ErrorType", "TooManyRequestsException");
    }

    private HttpResponse list() {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode functions = body.putArray("Functions");
        for (FunctionDef f : runtime.functions()) {
            ObjectNode item = functions.addObject();
            item.put("FunctionName", f.name());
            item.put("FunctionArn", f.arn());
            item.put("Runtime", "java21");
            item.put("Handler", f.handlerClass() + "::" + f.handlerMethod());
            item.put("Timeout", f.timeoutSeconds());
            item.put("MemorySize", f.memoryMb());
            item.put("Version", "$LATEST");
            item.put("PackageType", "Zip");
        }
        body.putNull("NextMarker");
        return HttpResponse.json(200, body.toString());
    }

    private static HttpResponse error(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("Type", "User").put("message", message);
        return HttpResponse.json(status, body.toString()).with("x-amzn-ErrorType", type);
    }
}
