package dev.ordersprofiles.local.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every answer Jetty makes itself (a malformed request line, headers too large, a bad chunk) in API Gateway's
 * shape: {@code {"message": "..."}} as application/json, never an HTML page or a Java exception's name.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpResponse answer = answer(code);
        response.setStatus(answer.status());
        answer.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        HttpResponse answer = answer(status);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("x-amzn-ErrorType", answer.headers().get("x-amzn-ErrorType").get(0));
        return ByteBuffer.wrap(answer.body());
    }

    private static HttpResponse answer(int code) {
        return switch (code) {
            case 413 -> Limits.gatewayError(413, "Request Too Long");
            case 431 -> Limits.tooManyHeaders();
            case 404 -> Limits.gatewayError(404, "Not Found");
            default -> code >= 500 ? Limits.gatewayError(500, "Internal server error")
                    : Limits.gatewayError(code, HttpStatus.getMessage(code) == null ? "Bad Request"
                            : HttpStatus.getMessage(code));
        };
    }

}
