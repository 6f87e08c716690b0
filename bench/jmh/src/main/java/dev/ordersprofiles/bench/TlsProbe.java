package dev.ordersprofiles.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where the first HTTPS call's time goes (issue 17 item 1), in a fresh JVM, stage by stage, with the JDK's own
 * defaults (the trust store, providers, protocols and named groups come from the usual system properties, so a
 * variant is a -D flag). Stages: the security providers' list; {@code SSLContext.getDefault()} (this reads and
 * parses the default trust store); the socket factory; the TCP connect; the first handshake (certificate path and
 * host name checks on, HTTPS endpoint identification); one plain HTTP/1.1 request over it; then a second,
 * fresh connection and handshake in the same JVM (what every new connection costs once the one-time set-up is paid).
 *
 * <p>Usage: {@code TlsProbe https://host:port}. Prints one JSON line to stderr. Between stages it loads an empty
 * marker class ({@code TlsProbe$Stage<n>}), so a {@code -Xlog:class+load} log can be split by stage.
 */
public final class TlsProbe {

    private TlsProbe() {
    }

    static final class Stage1 { }
    static final class Stage2 { }
    static final class Stage3 { }
    static final class Stage4 { }
    static final class Stage5 { }
    static final class Stage6 { }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        URI uri = URI.create(args[0]);
        String host = uri.getHost();
        int port = uri.getPort();
        Security.getProviders();
        new Stage1();
        long providers = System.nanoTime();
        SSLContext context = SSLContext.getDefault();
        new Stage2();
        long contextDone = System.nanoTime();
        SSLSocketFactory factory = context.getSocketFactory();
        new Stage3();
        long factoryDone = System.nanoTime();
        SSLSocket socket = (SSLSocket) factory.createSocket(host, port);
        new Stage4();
        long connected = System.nanoTime();
        handshake(socket, host);
        new Stage5();
        long handshaken = System.nanoTime();
        int status = request(socket, host, port);
        new Stage6();
        long requested = System.nanoTime();
        SSLSocket second = (SSLSocket) factory.createSocket(host, port);
        handshake(second, host);
        long secondDone = System.nanoTime();
        String protocol = socket.getSession().getProtocol();
        String suite = socket.getSession().getCipherSuite();
        socket.close();
        second.close();
        System.err.println("{\"providersMs\":" + ms(providers - t0)
                + ",\"defaultContextMs\":" + ms(contextDone - providers)
                + ",\"factoryMs\":" + ms(factoryDone - contextDone)
                + ",\"connectMs\":" + ms(connected - factoryDone)
                + ",\"firstHandshakeMs\":" + ms(handshaken - connected)
                + ",\"firstRequestMs\":" + ms(requested - handshaken)
                + ",\"secondConnectAndHandshakeMs\":" + ms(secondDone - requested)
                + ",\"totalMs\":" + ms(secondDone - t0)
                + ",\"protocol\":\"" + protocol + "\",\"suite\":\"" + suite + "\",\"status\":" + status + "}");
    }

    /** Handshake with HTTPS host name checking on, as HttpsURLConnection does. */
    private static void handshake(SSLSocket socket, String host) throws Exception {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
    }

    private static int request(SSLSocket socket, String host, int port) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] head = new byte[12];
        int n = 0;
        while (n < head.length) {
            int r = in.read(head, n, head.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        String line = new String(head, 0, n, StandardCharsets.US_ASCII);
        return line.length() >= 12 ? Integer.parseInt(line.substring(9, 12)) : -1;
    }

    /** As LambdaSim.ms, without loading LambdaSim (whose constant pool names the Lambda runtime's types). */
    private static String ms(long nanos) {
        long micros = (nanos + 500) / 1000;
        String fraction = Long.toString(micros % 1000);
        return micros / 1000 + "." + "0".repeat(3 - fraction.length()) + fraction;
    }
}
