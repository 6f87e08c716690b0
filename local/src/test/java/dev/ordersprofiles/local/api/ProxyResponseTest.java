package dev.ordersprofiles.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function's answer read with the streaming parser gives what the tree reading (the reference, and the
 * fallback for unusual answers) gives, for answers of every shape, valid or not.
 */
class ProxyResponseTest {

    @Test
    void a_usual_answer() {
        HttpResponse response = assertSameAsTree("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\","
                + "\"Cache-Control\":\"no-store\"},\"body\":\"{\\\"orderId\\\":\\\"o-1\\\",\\\"note\\\":\\\"Zo\u00eb \\\\u00e9\\\"}\","
                + "\"isBase64Encoded\":false}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(List.copyOf(response.headers().keySet())).containsExactly("Content-Type", "Cache-Control");
        assertThat(response.headers().get("Cache-Control")).containsExactly("no-store");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"o-1\",\"note\":\"Zo\u00eb \\u00e9\"}");
    }

    @Test
    void usual_variations() {
        assertThat(assertSameAsTree("{\"statusCode\":201}").status()).isEqualTo(201);
        assertSameAsTree("{\"statusCode\":204,\"body\":null,\"headers\":null,\"multiValueHeaders\":null,"
                + "\"isBase64Encoded\":null}");
        assertSameAsTree("{\"body\":\"late status\",\"statusCode\":404,\"extra\":{\"nested\":[1,{\"a\":null}]},"
                + "\"more\":[\"x\"]}");
        assertSameAsTree("{\"statusCode\":302,\"headers\":{\"Location\":\"/x\"},"
                + "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"],\"Location\":[\"/y\"]}}");
        assertSameAsTree("{\"multiValueHeaders\":{\"X-A\":[]},\"statusCode\":200,\"headers\":{\"x-a\":\"1\"}}");
        assertSameAsTree("{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"\"}");
        assertSameAsTree("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGVsbG8=\"}");
        assertSameAsTree("{\"statusCode\":200,\"isBase64Encoded\":true}");
        assertSameAsTree("{\"statusCode\":100}");
        assertSameAsTree("{\"statusCode\":599,\"body\":\"\\ud83d\\ude00 \\u0000\"}");
        assertSameAsTree("{\"statusCode\":200} trailing ignored");
    }

    @Test
    void unusual_answers_read_as_the_tree_reads_them() {
        assertSameAsTree("{\"statusCode\":200.0}");
        assertSameAsTree("{\"statusCode\":\"200\"}"); // refused by both
        assertSameAsTree("{\"statusCode\":20000000000}");
        assertSameAsTree("{\"statusCode\":200,\"statusCode\":404}");
        assertSameAsTree("{\"statusCode\":200,\"headers\":{\"A\":\"1\",\"A\":\"2\",\"B\":null}}");
        assertSameAsTree("{\"statusCode\":200,\"headers\":{\"A\":1,\"B\":true,\"C\":{\"x\":1},\"D\":[1]}}");
        assertSameAsTree("{\"statusCode\":200,\"headers\":\"text\"}");
        assertSameAsTree("{\"statusCode\":200,\"headers\":{},\"headers\":{\"A\":\"1\"}}");
        assertSameAsTree("{\"statusCode\":200,\"multiValueHeaders\":{\"A\":[\"1\",null,2,true]}}");
        assertSameAsTree("{\"statusCode\":200,\"multiValueHeaders\":{\"A\":\"1\",\"B\":null,\"C\":[[\"x\"]]}}");
        assertSameAsTree("{\"statusCode\":200,\"multiValueHeaders\":{\"A\":[\"1\"],\"A\":[\"2\"]}}");
        assertSameAsTree("{\"statusCode\":200,\"isBase64Encoded\":\"true\",\"body\":\"aGVsbG8=\"}");
        assertSameAsTree("{\"statusCode\":200,\"isBase64Encoded\":1,\"body\":\"aGVsbG8=\"}");
        assertSameAsTree("{\"statusCode\":200,\"body\":42}");
        assertSameAsTree("{\"statusCode\":200,\"body\":{\"json\":true}}");
        assertSameAsTree("{\"statusCode\":200,\"body\":\"x\",\"body\":\"y\"}");
    }

    @Test
    void invalid_answers_are_refused() {
        for (String invalid : List.of("", "null", "[]", "\"text\"", "42", "{", "{\"statusCode\":200", "not json",
                "{\"statusCode\":99}", "{\"statusCode\":600}", "{\"statusCode\":-1}", "{}", "{\"body\":\"no status\"}",
                "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"not base64!\"}",
                "{\"statusCode\":200,\"headers\":{\"A\":\"1\",}}", "{\"statusCode\":200,\"extra\":[1,2}")) {
            assertThat(ProxyResponse.from(bytes(invalid))).as(invalid).isNull();
            assertThat(ProxyResponse.fromTree(bytes(invalid))).as(invalid).isNull();
        }
    }

    private static HttpResponse assertSameAsTree(String payload) {
        HttpResponse streamed = ProxyResponse.from(bytes(payload));
        HttpResponse tree = ProxyResponse.fromTree(bytes(payload));
        if (tree == null) {
            assertThat(streamed).as(payload).isNull();
            return null;
        }
        assertThat(streamed).as(payload).isNotNull();
        assertThat(streamed.status()).as(payload).isEqualTo(tree.status());
        assertThat(List.copyOf(streamed.headers().entrySet())).as(payload)
                .isEqualTo(List.copyOf(tree.headers().entrySet()));
        assertThat(streamed.body()).as(payload).isEqualTo(tree.body());
        return streamed;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
