package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reading of JSON request bodies (content type, size, then {@link JsonBody}) and writing of JSON responses. */
final class HttpJson {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private HttpJson() {
    }

    /**
     * Reads the body with {@code shape} ({@link JsonBody}).
     *
     * @throws RequestRejected 415 when it is not JSON in UTF-8, 413 above 64 KiB, 400 when it is missing, malformed or
     *                         does not fit the shape (with the offending field)
     */
    static <T> T read(HttpRequest request, JsonBody.Shape<T> shape) {
        requireJsonContentType(request.header("Content-Type"));
        byte[] body = request.body().orElseThrow(() -> RequestRejected.badRequest("A JSON body is required."));
        if (body.length > MAX_BODY_BYTES) {
            throw RequestRejected.tooLarge(MAX_BODY_BYTES);
        }
        if (body.length == 0) {
            throw RequestRejected.badRequest("A JSON body is required.");
        }
        return JsonBody.read(body, shape);
    }

    private static void requireJsonContentType(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            throw RequestRejected.unsupportedMediaType();
        }
        // -1 keeps empty parts: ";" or ";;;" is an empty media type (415), never an empty array.
        String[] parts = contentType.get().split(";", -1);
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals(JSON) || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            throw RequestRejected.unsupportedMediaType();
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].strip().equalsIgnoreCase("charset")) {
                String charset = param.length > 1 ? param[1].strip().replace("\"", "") : "";
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw RequestRejected.unsupportedMediaType();
                }
            }
        }
    }

    static APIGatewayProxyResponseEvent json(int status, PlainJson.Writable body) {
        return response(status, JSON, body);
    }

    static APIGatewayProxyResponseEvent problem(Problem problem) {
        return response(problem.status(), PROBLEM_JSON, problem);
    }

    private static APIGatewayProxyResponseEvent response(int status, String contentType, PlainJson.Writable body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(headers)
                .withIsBase64Encoded(false)
                .withBody(PlainJson.toJson(body));
    }

    /** Writes {@code "name": "value"}, or nothing when the value is null (bodies omit absent fields). */
    static void field(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }
}
