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
    private final ServerErrors errors;

    public JsonErrorHandler() {
        this(ServerErrors.DEFAULT);
    }

    public JsonErrorHandler(ServerErrors errors) {
        this.errors = errors;
    }

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
        answer.headers().forEach((name, values) -> {
            if (!values.isEmpty()) {
                fields.put(name, values.get(0));
            }
        });
        return ByteBuffer.wrap(answer.body());
    }

    private HttpResponse answer(int code) {
        return switch (code) {
            case 413 -> errors.answer(413, "Request Too Long");
            case 431 -> errors.answer(431, "Request Header Fields Too Large");
            case 404 -> errors.answer(404, "Not Found");
            default -> code >= 500 ? errors.answer(500, "Internal server error")
                    : errors.answer(code, HttpStatus.getMessage(code) == null ? "Bad Request"
                            : HttpStatus.getMessage(code));
        };
    }

}
