package dev.ordersprofiles.local;

import dev.ordersprofiles.local.http.EarlyResponse;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.http.Limits;
import dev.ordersprofiles.local.http.JsonErrorHandler;
import dev.ordersprofiles.local.http.ServerErrors;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP front door (Jetty's core handlers, no servlets): reads each request whole without holding a thread
 * (a client that stalls holds a socket until the idle timeout, not a thread), then hands it to one dispatcher on
 * one of a fixed number of request threads. The dispatcher answers by returning the response, or earlier through
 * the request's {@link EarlyResponse} (a function past its timeout): the thread, still held by the running handler,
 * is then replaced by a new one until it comes back, so slow handlers do not take threads from other requests.
 * Limits are {@link Limits}'; everything Jetty refuses itself is answered in API Gateway's JSON shape by
 * {@link JsonErrorHandler}.
 */
final class LocalServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor threads;
    private final ServerErrors errors;

    LocalServer(String host, int port, int threadCount, Function<HttpRequest, HttpResponse> dispatcher)
            throws IOException {
        this(host, port, threadCount, dispatcher, ServerErrors.DEFAULT);
    }

    /** @param errors how requests refused before any route runs are answered */
    LocalServer(String host, int port, int threadCount, Function<HttpRequest, HttpResponse> dispatcher,
                ServerErrors errors) throws IOException {
        this.errors = errors;
        if (!isLoopback(host)) {
            System.err.println("[local] WARNING: listening on " + host + ", not only on 127.0.0.1: anyone who can"
                    + " reach this address can use the stack and its tokens (--host was given)");
        }
        AtomicInteger count = new AtomicInteger();
        threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "http-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        QueuedThreadPool io = new QueuedThreadPool(16, 2, 60_000);
        io.setName("http-io");
        io.setDaemon(true);
        server = new Server(io);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(Limits.MAX_HEADER_BYTES);
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setIdleTimeout(Limits.IDLE_TIMEOUT.toMillis());
        // Paths go to the dispatcher as sent (API Gateway passes %2F and friends on); the docs site checks its own.
        config.setUriCompliance(UriCompliance.LEGACY);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(Limits.IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler(errors));
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                receive(request, response, callback, dispatcher);
                return true;
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException bind) {
                    throw bind; // Main says "port in use" for it
                }
            }
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("cannot start the HTTP server on " + host + ":" + port + ": " + e, e);
        }
    }

    /** Lambda's own answer on the Lambda API, else the gateway's. */
    private HttpResponse tooLarge(String path) {
        return path != null && path.startsWith(Limits.LAMBDA_PREFIX) ? Limits.bodyTooLarge(path)
                : errors.answer(413, "Request Too Long");
    }

    /** True for the loopback addresses; binding anything else exposes the stack to the network. */
    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    int port() {
        return connector.getLocalPort();
    }

    private void receive(Request request, Response response, Callback callback,
                         Function<HttpRequest, HttpResponse> dispatcher) {
        HttpFields fields = request.getHeaders();
        if (fields.size() > Limits.MAX_HEADER_COUNT) {
            send(request, response, callback, errors.answer(431, "Request Header Fields Too Large"));
            return;
        }
        String path = request.getHttpURI().getPath();
        int maxBody = Limits.maxBody(path);
        long declared = fields.getLongField("Content-Length");
        if (declared > maxBody) {
            send(request, response, callback, tooLarge(path));
            return;
        }
        // One byte more than allowed: a body that reaches it is too large, however it was framed.
        Content.Source.asByteArrayAsync(request, maxBody + 1).whenComplete((body, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                // Jetty's reader fails with IllegalStateException when the body outgrows the limit given.
                send(request, response, callback, cause instanceof IllegalStateException
                        ? tooLarge(path) : errors.answer(400, "Bad Request"));
                return;
            }
            if (body.length > maxBody) {
                send(request, response, callback, tooLarge(path));
                return;
            }
            try {
                threads.execute(() -> dispatch(request, response, callback, body, dispatcher));
            } catch (RuntimeException e) { // the pool is shut down: the stack is stopping
                callback.failed(e);
            }
        });
    }

    private void dispatch(Request request, Response response, Callback callback, byte[] body,
                          Function<HttpRequest, HttpResponse> dispatcher) {
        AtomicBoolean answered = new AtomicBoolean();
        EarlyResponse early = earlyResponse -> {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            lendThread(1);
            send(request, response, callback, earlyResponse);
            return true;
        };
        HttpResponse answer;
        try {
            answer = dispatcher.apply(toRequest(request, body, early));
        } catch (RuntimeException e) {
            System.out.println("[local] request failed: " + e);
            answer = HttpResponse.json(500, "{\"message\":\"Internal server error\"}");
        }
        if (answered.compareAndSet(false, true)) {
            send(request, response, callback, answer);
        } else {
            lendThread(-1); // answered early: the response was sent already, and this thread is back
        }
    }

    private static void send(Request request, Response response, Callback callback, HttpResponse answer) {
        try {
            response.setStatus(answer.status());
            HttpFields.Mutable headers = response.getHeaders();
            answer.headers().forEach(headers::put);
            byte[] body = answer.body();
            if (body.length == 0 || request.getMethod().equals("HEAD")) {
                if (body.length > 0) {
                    headers.put("Content-Length", Integer.toString(body.length));
                }
                response.write(true, null, callback);
            } else {
                headers.put("Content-Length", Integer.toString(body.length));
                response.write(true, ByteBuffer.wrap(body), callback);
            }
        } catch (RuntimeException e) {
            System.out.println("[local] response failed: " + e);
            callback.failed(e);
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

    private static HttpRequest toRequest(Request request, byte[] body, EarlyResponse early) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new java.util.ArrayList<>(1)).add(field.getValue());
        }
        String host = request.getHeaders().get("Host");
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        String sourceIp = remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "127.0.0.1";
        return new HttpRequest(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                headers, body, sourceIp, host == null ? "" : host, early);
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // nothing was started
        }
        threads.shutdownNow();
    }

    @Override
    public void close() {
        stopQuietly();
    }
}
