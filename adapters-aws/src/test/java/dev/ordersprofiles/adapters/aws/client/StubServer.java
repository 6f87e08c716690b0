package dev.ordersprofiles.adapters.aws.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;

/**
 * A scripted HTTP server on 127.0.0.1 (JDK {@link HttpServer}, keep-alive): answers the queued responses in order
 * (then the fallback) and records every request it received, with the client's port.
 */
final class StubServer implements AutoCloseable {
    /** One request as the server saw it (header names as the JDK server normalises them: first letter capital). */
    record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                    int remotePort) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().size() == 1 ? entry.getValue().get(0)
                            : String.join(",", entry.getValue());
                }
            }
            return null;
        }

        List<String> headerValues(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return List.of();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted response. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/x-amz-json-1.0"),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        static Reply ok(String json) {
            return json(200, json);
        }

        /** With the X-Amz-Crc32 header DynamoDB sends: the CRC32 of the body, as an unsigned decimal. */
        Reply withCrc32() {
            CRC32 crc = new CRC32();
            crc.update(body);
            return withHeader("X-Amz-Crc32", Long.toString(crc.getValue()));
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body);
        }
    }

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY each exchange waits
        // for the client's delayed ACK (~40 ms on Linux). Read once, when the server implementation loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = Reply.ok("{}");

    StubServer() {
        this(null);
    }

    /** Over TLS with {@code tls}'s key and certificate (an HTTPS endpoint), or plain HTTP when null. */
    StubServer(SSLContext tls) {
        try {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls == null) {
                server = HttpServer.create(loopback, 0);
                scheme = "http";
            } else {
                HttpsServer https = HttpsServer.create(loopback, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
                scheme = "https";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                Map<String, List<String>> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers, body,
                        exchange.getRemoteAddress().getPort()));
                Reply reply = script.pollFirst();
                if (reply == null) {
                    reply = fallback;
                }
                Headers out = exchange.getResponseHeaders();
                reply.headers().forEach(out::add);
                exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
                if (reply.body().length > 0) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(reply.body());
                    }
                }
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Queues responses, answered in order to the next requests. */
    StubServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The response for every request once the queue is empty. */
    StubServer always(Reply reply) {
        fallback = reply;
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    int requestCount() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
