package dev.ordersprofiles.local.security;

import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.http.Limits;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What a request must show before the stack looks at it, against a web page in the user's browser:
 * <ul>
 * <li>a Host header naming the stack itself ({@code 127.0.0.1:P}, {@code localhost:P}, {@code [::1]:P}), so a
 * page whose domain a DNS rebinding points at 127.0.0.1 cannot read answers; bound to another address (an explicit
 * {@code --host}), any IP-literal Host on the port is accepted too: rebinding needs a name;</li>
 * <li>for anything but GET, HEAD and OPTIONS, no foreign Origin and no cross-site Sec-Fetch-Site, so a page cannot
 * make the browser send state-changing requests (CSRF), a {@code text/plain} form POST included.</li>
 * </ul>
 * Refusals are 403 in API Gateway's JSON shape. Tools (curl, the AWS CLI and SDKs, tests) send no Origin.
 */
public final class FrontDoorGuard implements Function<HttpRequest, HttpResponse> {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Function<HttpRequest, HttpResponse> next;
    private final IntSupplier port;
    private final boolean loopbackOnly;

    /**
     * @param port         the port the stack answers on (known once the server is bound)
     * @param loopbackOnly false when the stack was bound to a non-loopback address on purpose
     */
    public FrontDoorGuard(Function<HttpRequest, HttpResponse> next, IntSupplier port, boolean loopbackOnly) {
        this.next = next;
        this.port = port;
        this.loopbackOnly = loopbackOnly;
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        if (!ownHost(request.host())) {
            return Limits.gatewayError(403, "Forbidden: Host " + printable(request.host())
                    + " is not this local stack (use 127.0.0.1:" + port.getAsInt() + " or localhost:"
                    + port.getAsInt() + ")");
        }
        if (!SAFE_METHODS.contains(request.method())) {
            Optional<String> origin = request.header("Origin");
            if (origin.isPresent() && !ownOrigin(origin.get())) {
                return Limits.gatewayError(403, "Forbidden: requests from origin " + printable(origin.get())
                        + " may not change this local stack");
            }
            String site = request.header("Sec-Fetch-Site").orElse("").toLowerCase(Locale.ROOT);
            if (origin.isEmpty() && (site.equals("cross-site") || site.equals("same-site"))) {
                return Limits.gatewayError(403, "Forbidden: " + site + " requests may not change this local stack");
            }
        }
        return next.apply(request);
    }

    private boolean ownHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String suffix = ":" + port.getAsInt();
        if (!h.endsWith(suffix)) {
            return false;
        }
        String name = h.substring(0, h.length() - suffix.length());
        if (name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]")) {
            return true;
        }
        return !loopbackOnly && isIpLiteral(name);
    }

    private boolean ownOrigin(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        if (!o.startsWith("http://")) {
            return false;
        }
        String authority = o.substring("http://".length());
        return !authority.contains("/") && ownHost(authority);
    }

    private static boolean isIpLiteral(String name) {
        if (name.startsWith("[") && name.endsWith("]")) {
            return name.substring(1, name.length() - 1).matches("[0-9a-f:.]+");
        }
        return name.matches("(\\d{1,3}\\.){3}\\d{1,3}");
    }

    private static String printable(String value) {
        String v = value == null ? "(none)" : value;
        v = v.replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'").replace("\\", "/");
        return v.length() > 100 ? v.substring(0, 100) + "..." : v;
    }
}
