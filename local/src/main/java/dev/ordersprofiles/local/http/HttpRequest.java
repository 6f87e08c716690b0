package dev.ordersprofiles.local.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the local stack received it. Look headers up with {@link #header(String)}, which ignores case.
 * {@code early}, when not null, sends the response before the handling code returns (see {@link EarlyResponse}).
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                          byte[] body, String sourceIp, String host, EarlyResponse early) {

    /** A request that is answered only by returning its response. */
    public HttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       String sourceIp, String host) {
        this(method, path, rawQuery, headers, body, sourceIp, host, null);
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return Optional.of(h.getValue().get(h.getValue().size() - 1));
            }
        }
        return Optional.empty();
    }
}
