package dev.ordersprofiles.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersprofiles.local.http.EarlyResponse;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The HTTP front door on loopback: hands every request, read whole, to one dispatcher, on one of a fixed number of
 * threads. The dispatcher answers by returning the response, or earlier through the request's
 * {@link EarlyResponse} (a function past its timeout): the thread, still held by the running handler, is then
 * replaced by a new one until it comes back, so slow handlers do not take threads from other requests.
 */
final class LocalServer implements AutoCloseable {
    /** API Gateway's payload limit is 10 MB; anything larger is refused before the dispatcher sees it. */
    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    private final HttpServer server;
    private final ThreadPoolExecutor threads;

    LocalServer(String host, int port, int threadCount, Function<HttpRequest, HttpResponse> dispatcher)
            throws IOException {
        // The JDK server writes headers and body separately; with Nagle's algorithm and the client's delayed ACK
        // every keep-alive response would wait ~40 ms. Read once, when the server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        AtomicInteger count = new AtomicInteger();
        threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
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

    private void serve(HttpExchange exchange, Function<HttpRequest, HttpResponse> dispatcher) {
        AtomicBoolean answered = new AtomicBoolean();
        HttpResponse response;
        try {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                response = HttpResponse.json(413, "{\"message\":\"Request Too Long\"}");
            } else {
                EarlyResponse early = earlyResponse -> {
                    if (!answered.compareAndSet(false, true)) {
                        return false;
                    }
                    lendThread(1);
                    // Sent from the pool (one thread larger now), not from the caller's thread (a timer's).
                    threads.execute(() -> send(exchange, earlyResponse));
                    return true;
                };
                response = dispatcher.apply(request(exchange, body, early));
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("[local] request failed: " + e);
            if (answered.compareAndSet(false, true)) {
                exchange.close();
            } else {
                lendThread(-1);
            }
            return;
        }
        if (answered.compareAndSet(false, true)) {
            send(exchange, response);
        } else {
            lendThread(-1); // answered early: the response was sent already, and this thread is back
        }
    }

    private static void send(HttpExchange exchange, HttpResponse response) {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            response.headers().forEach(headers::put);
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

    /** One more (or one fewer) thread while a request's thread is held by a handler past its answer. */
    private synchronized void lendThread(int delta) {
        if (delta > 0) {
            threads.setMaximumPoolSize(threads.getMaximumPoolSize() + delta);
            threads.setCorePoolSize(threads.getCorePoolSize() + delta);
        } else {
            threads.setCorePoolSize(threads.getCorePoolSize() + delta);
            threads.setMaximumPoolSize(threads.getMaximumPoolSize() + delta);
        }
    }

    private static HttpRequest request(HttpExchange exchange, byte[] body, EarlyResponse early) {
        // The server's request headers are already this request's own read-only copy: no need for another.
        Headers headers = exchange.getRequestHeaders();
        String host = headers.getFirst("Host");
        return new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                host == null ? "127.0.0.1:" + exchange.getLocalAddress().getPort() : host, early);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return NO_BODY;
        }
        byte[] rest = in.readNBytes(MAX_BODY);
        if (rest.length >= MAX_BODY) {
            return null;
        }
        byte[] body = new byte[rest.length + 1];
        body[0] = (byte) first;
        System.arraycopy(rest, 0, body, 1, rest.length);
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
