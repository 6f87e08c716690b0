package dev.ordersprofiles.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The HTTP front door on loopback: hands every request, read whole, to one dispatcher. */
final class LocalServer implements AutoCloseable {
    /** API Gateway's payload limit is 10 MB; anything larger is refused before the dispatcher sees it. */
    static final int MAX_BODY = 10 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;

    LocalServer(String host, int port, int threadCount, Function<HttpRequest, HttpResponse> dispatcher)
            throws IOException {
        // The JDK server writes headers and body separately; with Nagle's algorithm and the client's delayed ACK
        // every keep-alive response would wait ~40 ms. Read once, when the server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(exchange, dispatcher));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, Function<HttpRequest, HttpResponse> dispatcher) {
        try (exchange) {
            HttpResponse response;
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                response = HttpResponse.json(413, "{\"message\":\"Request Too Long\"}");
            } else {
                response = dispatcher.apply(request(exchange, body));
            }
            response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("[local] request failed: " + e);
        }
    }

    private static HttpRequest request(HttpExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        String host = exchange.getRequestHeaders().getFirst("Host");
        return new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                host == null ? "127.0.0.1:" + exchange.getLocalAddress().getPort() : host);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
