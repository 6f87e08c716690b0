import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
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
 * The ceiling for the local-stack load test: a bare Jetty 12 server (the version the stack runs: start it with the
 * stack's jar on the class path) on 127.0.0.1, set up like the stack's own (local/.../LocalServer.java: the same
 * thread pool, one acceptor and one selector, the same header size limit, no Server header), that reads every
 * header of a request (the ~1 KB Authorization header included) and its body and answers the fixed body of
 * GET /health. Usage: java -cp local/target/local-stack.jar bench/load/BareServer.java PORT
 */
public final class BareServer {
    public static void main(String[] args) throws Exception {
        byte[] body = "{\"ok\":true,\"service\":\"serverless-api\"}".getBytes(StandardCharsets.UTF_8);
        QueuedThreadPool pool = new QueuedThreadPool(16, 2, 60_000);
        pool.setName("bare-io");
        Server server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(10 * 1024); // Limits.MAX_HEADER_BYTES
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                long headerChars = 0;
                for (HttpField field : request.getHeaders()) {
                    headerChars += field.getName().length() + field.getValue().length();
                }
                String authorization = request.getHeaders().get("Authorization");
                if (headerChars == 0 || (authorization != null && authorization.isEmpty())) {
                    response.setStatus(400);
                }
                Content.Source.asByteBuffer(request); // the body, read to its end
                response.getHeaders().put("Content-Type", "application/json");
                response.getHeaders().put("Content-Length", Integer.toString(body.length));
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        System.err.println("[bare] Jetty " + Server.getVersion() + " listening on 127.0.0.1:" + args[0]);
        server.join();
    }
}
