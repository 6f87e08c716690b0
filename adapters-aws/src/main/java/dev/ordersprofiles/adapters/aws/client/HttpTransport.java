package dev.ordersprofiles.adapters.aws.client;

import java.io.IOException;
import java.io.InputStream;

/** Small helpers for {@link java.net.HttpURLConnection}: a stream read to its end lets the connection be reused. */
final class HttpTransport {
    private HttpTransport() {
    }

    static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    static void drain(InputStream in) throws IOException {
        readAll(in);
    }
}
