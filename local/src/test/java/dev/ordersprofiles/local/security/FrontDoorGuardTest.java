package dev.ordersprofiles.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host and Origin rules, with the next handler saying whether it was reached. */
class FrontDoorGuardTest {
    private final FrontDoorGuard loopback = new FrontDoorGuard(r -> HttpResponse.json(200, "{}"), () -> 3000, true);
    private final FrontDoorGuard exposed = new FrontDoorGuard(r -> HttpResponse.json(200, "{}"), () -> 3000, false);

    @Test
    void only_the_stack_own_loopback_names_and_port_pass_as_host() {
        for (String host : List.of("127.0.0.1:3000", "localhost:3000", "LocalHost:3000", "[::1]:3000")) {
            assertThat(loopback.apply(request("GET", host)).status()).as(host).isEqualTo(200);
        }
        for (String host : List.of("", "127.0.0.1", "127.0.0.1:3001", "evil.example:3000", "localhost.evil:3000",
                "10.0.0.5:3000", "0x7f000001:3000")) {
            HttpResponse refused = loopback.apply(request("GET", host));
            assertThat(refused.status()).as(host).isEqualTo(403);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).startsWith("{\"message\":\"Forbidden");
        }
    }

    @Test
    void bound_elsewhere_on_purpose_ip_literals_pass_but_names_still_do_not() {
        assertThat(exposed.apply(request("GET", "10.0.0.5:3000")).status()).isEqualTo(200);
        assertThat(exposed.apply(request("GET", "[fe80::1]:3000")).status()).isEqualTo(200);
        assertThat(exposed.apply(request("GET", "rebound.example:3000")).status()).isEqualTo(403);
    }

    @Test
    void state_changing_requests_need_the_stack_own_origin_or_none() {
        assertThat(loopback.apply(request("POST", "127.0.0.1:3000")).status()).isEqualTo(200);
        assertThat(loopback.apply(request("POST", "127.0.0.1:3000", "Origin", "http://localhost:3000")).status())
                .isEqualTo(200);
        for (String origin : List.of("https://evil.example", "null", "http://localhost:8080", "http://127.0.0.1:3000/x",
                "https://127.0.0.1:3000")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                assertThat(loopback.apply(request(method, "127.0.0.1:3000", "Origin", origin)).status())
                        .as(method + " " + origin).isEqualTo(403);
            }
        }
        assertThat(loopback.apply(request("POST", "127.0.0.1:3000", "Sec-Fetch-Site", "cross-site")).status())
                .isEqualTo(403);
        assertThat(loopback.apply(request("POST", "127.0.0.1:3000", "Sec-Fetch-Site", "same-origin")).status())
                .isEqualTo(200);
        // Reading is not refused for an Origin: the Host rule keeps a foreign page from reading answers.
        assertThat(loopback.apply(request("GET", "127.0.0.1:3000", "Origin", "https://evil.example")).status())
                .isEqualTo(200);
    }

    private static HttpRequest request(String method, String host, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new HttpRequest(method, "/x", null, map, new byte[0], "127.0.0.1", host);
    }
}
