package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.http.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The front door: a response sent early goes out at once, and the thread still held is made up for. */
class LocalServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void an_early_response_goes_out_while_the_handler_still_runs_and_other_requests_get_a_thread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        try (LocalServer server = new LocalServer("127.0.0.1", 0, 1, request -> {
            if (request.path().equals("/slow")) {
                assertThat(request.early()).isNotNull();
                assertThat(request.early().send(HttpResponse.json(504, "{\"message\":\"early\"}"))).isTrue();
                assertThat(request.early().send(HttpResponse.json(500, "{}"))).isFalse();
                await(release);
                returned.countDown();
                return HttpResponse.json(200, "{\"message\":\"late\"}");
            }
            return HttpResponse.json(200, "{\"path\":\"" + request.path() + "\"}");
        })) {
            java.net.http.HttpResponse<String> early = get(server, "/slow");
            assertThat(early.statusCode()).isEqualTo(504);
            assertThat(early.body()).isEqualTo("{\"message\":\"early\"}");

            // One thread in all, still held by /slow: another request is served all the same.
            java.net.http.HttpResponse<String> other = get(server, "/other");
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.body()).isEqualTo("{\"path\":\"/other\"}");

            release.countDown();
            assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(get(server, "/after").body()).isEqualTo("{\"path\":\"/after\"}");
        }
    }

    @Test
    void bodies_are_read_whole_and_requests_keep_their_headers() throws Exception {
        try (LocalServer server = new LocalServer("127.0.0.1", 0, 2, request -> HttpResponse.json(200,
                "{\"length\":" + request.body().length + ",\"auth\":\"" + request.header("authorization").orElse("-")
                        + "\",\"host\":\"" + request.host() + "\"}"))) {
            java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(base(server, "/p"))
                    .header("Authorization", "t0k3n")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build();
            String answer = client.send(post, java.net.http.HttpResponse.BodyHandlers.ofString()).body();

            assertThat(answer).isEqualTo("{\"length\":100000,\"auth\":\"t0k3n\",\"host\":\"127.0.0.1:" + server.port()
                    + "\"}");
            assertThat(get(server, "/empty").body()).contains("\"length\":0");
        }
    }

    private java.net.http.HttpResponse<String> get(LocalServer server, String path) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(base(server, path)).timeout(Duration.ofSeconds(30))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static URI base(LocalServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
