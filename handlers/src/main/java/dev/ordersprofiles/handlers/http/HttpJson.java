package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ordersprofiles.handlers.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Strict reading of JSON request bodies and writing of JSON responses. */
final class HttpJson {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private HttpJson() {
    }

    /**
     * Reads the body as {@code type}.
     *
     * @throws RequestRejected 415 when it is not JSON in UTF-8, 413 above 64 KiB, 400 when it is missing, malformed or
     *                         does not fit {@code type} (with the offending field)
     */
    static <T> T read(HttpRequest request, Class<T> type) {
        requireJsonContentType(request.header("Content-Type"));
        byte[] body = request.body().orElseThrow(() -> RequestRejected.badRequest("A JSON body is required."));
        if (body.length > MAX_BODY_BYTES) {
            throw RequestRejected.tooLarge(MAX_BODY_BYTES);
        }
        if (body.length == 0) {
            throw RequestRejected.badRequest("A JSON body is required.");
        }
        T value;
        try {
            value = Json.MAPPER.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw RequestRejected.invalidFields(List.of(new FieldError(path(e), "is not a known field")));
        } catch (MismatchedInputException e) {
            String path = path(e);
            if (path.isEmpty()) {
                throw RequestRejected.badRequest("The body must be a single JSON object of the documented shape.");
            }
            throw RequestRejected.invalidFields(List.of(new FieldError(path, "has the wrong type")));
        } catch (JsonMappingException e) {
            throw RequestRejected.badRequest("The body does not have the documented shape.");
        } catch (JacksonException e) {
            throw RequestRejected.badRequest(
                    "The body is not valid JSON (syntax error, duplicate key, number out of range or trailing data).");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (value == null) {
            throw RequestRejected.badRequest("The body must be a JSON object.");
        }
        return value;
    }

    private static void requireJsonContentType(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            throw RequestRejected.unsupportedMediaType();
        }
        String[] parts = contentType.get().split(";");
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

    /** {@code items[0].qty} from a Jackson exception's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static APIGatewayProxyResponseEvent json(int status, Object body) {
        return response(status, JSON, body);
    }

    static APIGatewayProxyResponseEvent problem(Problem problem) {
        return response(problem.status(), PROBLEM_JSON, problem);
    }

    private static APIGatewayProxyResponseEvent response(int status, String contentType, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(headers)
                    .withIsBase64Encoded(false)
                    .withBody(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body could not be written", e);
        }
    }
}
