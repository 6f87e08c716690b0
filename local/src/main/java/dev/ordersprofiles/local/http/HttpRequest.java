package dev.ordersprofiles.local.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the local stack received it. Header names keep the case the client sent; look them up with
 * {@link #header(String)}, which ignores case.
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                          byte[] body, String sourceIp, String host) {

    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return Optional.of(h.getValue().get(h.getValue().size() - 1));
            }
        }
        return Optional.empty();
    }
}
