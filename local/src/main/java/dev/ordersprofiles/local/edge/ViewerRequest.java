package dev.ordersprofiles.local.edge;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A port of sam/edge/viewer-request.js (the docs distribution's CloudFront Function). Both are checked against
 * the same case table, sam/edge/cases.json, so they cannot drift apart.
 */
public final class ViewerRequest {

    /** What the function does with a request: pass it on (maybe rewritten) or answer with a redirect. */
    public sealed interface Outcome {
        record Pass(String uri) implements Outcome {
        }

        record Redirect(int status, String location) implements Outcome {
        }
    }

    private ViewerRequest() {
    }

    /** @param query parameters in order, each with all its values, as CloudFront hands them to the function */
    public static Outcome handle(String uri, Map<String, List<String>> query) {
        if (uri.equals("/") || uri.isEmpty() || uri.equals("/docs")) {
            return new Outcome.Redirect(302, "/docs/" + queryString(query));
        }
        if (uri.endsWith("/")) {
            return new Outcome.Pass(uri + "index.html");
        }
        return new Outcome.Pass(uri);
    }

    private static String queryString(Map<String, List<String>> query) {
        StringJoiner parts = new StringJoiner("&", "?", "");
        parts.setEmptyValue("");
        query.forEach((name, values) -> values.forEach(v -> parts.add(v.isEmpty() ? name : name + "=" + v)));
        return parts.toString();
    }
}
