package dev.ordersprofiles.local.api;

import dev.ordersprofiles.local.template.ApiRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches request paths against the template's resource paths, as API Gateway does: literal segments first, then
 * {@code {param}} segments, then a greedy {@code {proxy+}}.
 */
final class RouteTable {
    /** A matched route and its decoded path parameters. */
    record Match(ApiRoute route, Map<String, String> pathParameters) {
    }

    /** A route with its resource path already cut in segments; greedy when one of them is {@code {name+}}. */
    private record Entry(ApiRoute route, String[] pattern, boolean greedy) {
    }

    private final List<Entry> routes = new ArrayList<>();

    RouteTable(List<ApiRoute> routes) {
        List<ApiRoute> sorted = new ArrayList<>(routes);
        // More literal segments win over parameters, as in API Gateway's resource tree.
        sorted.sort((a, b) -> Integer.compare(specificity(b.path()), specificity(a.path())));
        for (ApiRoute route : sorted) {
            String[] pattern = segments(route.path());
            boolean greedy = false;
            for (String segment : pattern) {
                greedy |= segment.startsWith("{") && segment.endsWith("+}");
            }
            this.routes.add(new Entry(route, pattern, greedy));
        }
    }

    /** True when some method of the API has a route for {@code path} (where SAM's Cors adds an OPTIONS method). */
    boolean anyMethod(String path) {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"}) {
            if (match(method, path).isPresent()) {
                return true;
            }
        }
        return false;
    }

    Optional<Match> match(String method, String path) {
        String[] actual = segments(path);
        for (Entry entry : routes) {
            ApiRoute route = entry.route();
            if (!route.method().equals(method) && !route.method().equals("ANY")
                    || !entry.greedy() && entry.pattern().length != actual.length) {
                continue;
            }
            Map<String, String> parameters = match(entry.pattern(), actual);
            if (parameters != null) {
                return Optional.of(new Match(route, parameters));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> match(String[] pattern, String[] actual) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                parameters.put(p.substring(1, p.length() - 2), String.join("/", List.of(actual).subList(i, actual.length)));
                return parameters;
            }
            if (i >= actual.length) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(p.substring(1, p.length() - 1), URLDecoder.decode(actual[i], StandardCharsets.UTF_8));
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return pattern.length == actual.length ? parameters : null;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static int specificity(String path) {
        int literal = 0;
        for (String segment : segments(path)) {
            literal += segment.startsWith("{") ? 0 : 2;
            literal += segment.endsWith("+}") ? -1 : 0;
        }
        return literal;
    }
}
