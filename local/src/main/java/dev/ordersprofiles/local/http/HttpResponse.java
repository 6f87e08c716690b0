package dev.ordersprofiles.local.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP response to send. */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public static HttpResponse json(int status, String json) {
        return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        return new HttpResponse(status, headers, body);
    }

    /** The same response with one more header. */
    public HttpResponse with(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return new HttpResponse(status, copy, body);
    }
}
