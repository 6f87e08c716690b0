import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The ceiling for the local-stack load test: a bare JDK HttpServer on 127.0.0.1 that answers every request with
 * the fixed body of GET /health, on the same kind of executor as the local stack (64 threads, backlog 1024).
 * Usage: java bench/load/BareServer.java PORT
 */
public final class BareServer {
    public static void main(String[] args) throws Exception {
        byte[] body = "{\"ok\":true,\"service\":\"serverless-api\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.err.println("[bare] listening on 127.0.0.1:" + args[0]);
    }
}
