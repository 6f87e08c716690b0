package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDK's server got wrong, over raw sockets on loopback: every refusal is an answer (not a closed
 * connection) in API Gateway's JSON shape, Lambda's 6 MB limit on the Invoke API, and stalled clients hold no
 * thread.
 */
class LocalServerLimitsTest {
    private LocalServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LocalServer("127.0.0.1", 0, 4, request -> HttpResponse.json(200,
                "{\"length\":" + request.body().length + "}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void more_than_200_headers_is_431_json() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            headers.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        Raw answer = exchange("GET /x HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n" + headers + "\r\n");

        answer.assertGatewayError(431, "Request Header Fields Too Large");
    }

    @Test
    void a_one_megabyte_header_is_431_json() throws IOException {
        Raw answer = exchange("GET /x HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nX-Big: "
                + "a".repeat(1024 * 1024) + "\r\n\r\n");

        answer.assertGatewayError(431, "Request Header Fields Too Large");
    }

    @Test
    void a_bad_chunk_is_400_json() throws IOException {
        Raw answer = exchange("POST /x HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");

        answer.assertGatewayError(400, "Bad Request");
    }

    @Test
    void a_malformed_request_line_is_400_json() throws IOException {
        Raw answer = exchange("GARBAGE\r\n\r\n");

        assertThat(answer.status).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body).startsWith("{\"message\":").doesNotContain("<").doesNotContainIgnoringCase("java")
                .doesNotContain("Exception");
    }

    @Test
    void a_body_over_10_mb_is_413_json_whether_declared_or_chunked() throws IOException {
        Raw declared = exchangeWithBody("/orders", 10 * 1024 * 1024 + 1, false);
        declared.assertGatewayError(413, "Request Too Long");

        Raw chunked = exchangeWithBody("/orders", 10 * 1024 * 1024 + 1, true);
        chunked.assertGatewayError(413, "Request Too Long");

        assertThat(exchangeWithBody("/orders", 1024 * 1024, false).body).isEqualTo("{\"length\":1048576}");
    }

    @Test
    void a_10_mb_invoke_payload_is_refused_as_lambda_refuses_it() throws IOException {
        String path = "/2015-03-31/functions/f/invocations";
        for (boolean chunked : new boolean[] {false, true}) {
            Raw answer = exchangeWithBody(path, 10 * 1024 * 1024, chunked);

            assertThat(answer.status).isEqualTo(413);
            assertThat(answer.contentType()).startsWith("application/json");
            assertThat(answer.header("x-amzn-errortype")).isEqualTo("RequestEntityTooLargeException");
            assertThat(answer.body).isEqualTo("{\"Type\":\"User\",\"message\":\"Request must be smaller than 6291456"
                    + " bytes for the InvokeFunction operation\"}");
        }
        assertThat(exchangeWithBody(path, 6 * 1024 * 1024, false).body).isEqualTo("{\"length\":6291456}");
    }

    @Test
    void a_thousand_stalled_connections_do_not_stop_a_normal_request() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
                OutputStream out = socket.getOutputStream();
                // Half the headers, or the headers and half the body: then nothing more.
                out.write((i % 2 == 0 ? "GET /stall HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "
                        : "POST /stall HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"half\":")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            Raw answer = exchange("GET /normal HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: close\r\n\r\n");

            assertThat(answer.status).isEqualTo(200);
            assertThat(answer.body).isEqualTo("{\"length\":0}");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private Raw exchangeWithBody(String path, int size, boolean chunked) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int sent = 0; sent < size; sent += block.length) {
                    int n = Math.min(block.length, size - sent);
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block, 0, n);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // the server answered and closed before the whole body was sent: read that answer
            }
            return read(socket.getInputStream());
        }
    }

    private Raw exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException refusedEarly) {
                // answered before all was sent
            }
            return read(socket.getInputStream());
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** Reads one response: the head, then Content-Length bytes of body (or to the end of the stream). */
    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer: " + head.toString(StandardCharsets.ISO_8859_1), e);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        assertThat(headText).as("an answer, not a closed connection").startsWith("HTTP/1.1 ");
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headText);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return new Raw(Integer.parseInt(headText.substring(9, 12)), headText,
                new String(body, StandardCharsets.UTF_8));
    }

    private record Raw(int status, String head, String body) {
        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*([^\\r\\n]*)").matcher(head);
            return m.find() ? m.group(1).trim() : null;
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        void assertGatewayError(int expectedStatus, String message) {
            assertThat(status).as(head + body).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/json");
            assertThat(body).isEqualTo("{\"message\":\"" + message + "\"}");
        }
    }
}
