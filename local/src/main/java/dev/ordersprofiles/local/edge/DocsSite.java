package dev.ordersprofiles.local.edge;

import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The docs distribution: the template's viewer-request CloudFront Function (run by node), then the private bucket (objects under {@code docs/},
 * served locally from sam/docs), with the response headers policy's security headers on every answer.
 */
public final class DocsSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "json", "application/json",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    private final Path docsRoot;
    private final Map<String, String> securityHeaders;
    private final Optional<CloudFrontFunction> viewerRequest;

    /** @param viewerRequestCode the template's CloudFront Function source; none: requests pass unchanged */
    public DocsSite(Path docsRoot, Map<String, String> securityHeaders, Optional<String> viewerRequestCode) {
        this.docsRoot = docsRoot.toAbsolutePath().normalize();
        this.securityHeaders = securityHeaders;
        this.viewerRequest = viewerRequestCode.map(CloudFrontFunction::new);
    }

    public boolean serves(String path) {
        return path.equals("/") || path.equals("/docs") || path.startsWith("/docs/");
    }

    public HttpResponse handle(HttpRequest request) {
        CloudFrontFunction.Outcome outcome = viewerRequest.isEmpty()
                ? new CloudFrontFunction.Outcome.Pass(request.path())
                : viewerRequest.get().viewerRequest(request.method(), request.path(), query(request.rawQuery()),
                        Map.of());
        HttpResponse response;
        if (outcome instanceof CloudFrontFunction.Outcome.Respond answer) {
            response = HttpResponse.of(answer.status(), "text/plain; charset=utf-8", new byte[0]);
            for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                response = response.with(header.getKey(), header.getValue());
            }
        } else {
            response = object(((CloudFrontFunction.Outcome.Pass) outcome).uri());
        }
        for (Map.Entry<String, String> header : securityHeaders.entrySet()) {
            response = response.with(header.getKey(), header.getValue());
        }
        return response;
    }

    /** The bucket object for a key; S3 behind OAC answers 403 for a missing key, like here. */
    private HttpResponse object(String uri) {
        Path file = docsRoot.resolve(uri.substring("/docs/".length())).normalize();
        if (!uri.startsWith("/docs/") || !file.startsWith(docsRoot) || !Files.isRegularFile(file)) {
            return HttpResponse.of(403, "application/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
                            .getBytes(StandardCharsets.UTF_8));
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        try {
            return HttpResponse.of(200, TYPES.getOrDefault(extension, "application/octet-stream"),
                    Files.readAllBytes(file));
        } catch (IOException e) {
            return HttpResponse.of(500, "text/plain", "cannot read the docs".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    @Override
    public void close() {
        viewerRequest.ifPresent(CloudFrontFunction::close);
    }
}
