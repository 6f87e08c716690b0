package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ordersprofiles.local.auth.LocalIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzz tier (issue 13, item 6): seeded hostile requests to every operation of contracts/openapi.yaml, over real
 * HTTP against the local stack running this template, the functions in their own JVMs. Whatever the request, the
 * answer is never a 5xx, and every 4xx is problem+json whose {@code status} is the HTTP status. Bounded: a fixed
 * number of cases per operation ({@code -Dfuzz.cases}, default 60) from a fixed seed ({@code -Dfuzz.seed}, printed),
 * so a failure is reproducible by its seed and case number.
 */
class FuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 60);
    private static LocalStack stack;
    private static String base;
    private static String token;
    private static String otherToken;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("fuzz-it");
        stack = LocalStack.start(LocalOptions.defaults().withPort(0).withDataDir(data)
                .withStore(LocalOptions.Store.DEFAULT.withInMemory(true))
                .withTemplate(Path.of("..", "sam", "template.yaml"))
                .withParameter("ApiThrottlingRateLimit", "10000").withParameter("ApiThrottlingBurstLimit", "5000"));
        base = "http://127.0.0.1:" + stack.port();
        Http http = new Http(stack.port());
        token = http.token("fuzz-user");
        otherToken = http.token("fuzz-other");
        // a profile and an order of the other user, so that ids of someone else's data exist
        http.post("/profiles", otherToken, "{\"name\": \"Other\"}");
        System.out.println("[fuzz] seed " + SEED + ", " + CASES + " cases per operation");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** One operation of the contract. */
    private record Operation(String method, String path) {
    }

    @Test
    void no_hostile_request_gets_a_5xx_and_every_4xx_is_problem_json() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).as("operations in contracts/openapi.yaml").hasSizeGreaterThanOrEqualTo(6);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation operation : operations) {
            for (int i = 0; i < CASES; i++) {
                HttpRequest request = hostile(operation, random);
                HttpResponse<String> answer = send(request);
                sent++;
                String problem = check(answer);
                if (problem != null) {
                    failures.add(operation + " case " + i + " (seed " + SEED + "): " + request.method() + " "
                            + request.uri() + " -> " + answer.statusCode() + " " + problem + " body="
                            + abbreviate(answer.body()));
                }
            }
        }
        System.out.println("[fuzz] sent " + sent + " requests, " + failures.size() + " bad answers");
        assertThat(failures).as("bad answers").isEmpty();
    }

    /**
     * Sends once more, on a new connection, only when the pooled connection the client picked had been closed by
     * the server after its previous answer (the JDK client then reads no bytes at all and never retries a POST);
     * any other failure, or a second one, fails the test.
     */
    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            System.out.println("[fuzz] a reused connection was already closed; sent again: " + request.uri());
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    private static String check(HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "is a 5xx";
        }
        if (status < 400) {
            return null;
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "4xx with Content-Type " + type;
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (body == null || body.path("status").asInt() != status || !body.path("title").isTextual()
                    || !body.path("type").isTextual()) {
                return "4xx body is not a problem with status, title and type";
            }
        } catch (IOException e) {
            return "4xx body is not JSON";
        }
        return null;
    }

    private static List<Operation> operations() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("..", "contracts", "openapi.yaml").toFile());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(new Operation(method.toUpperCase(), path.getKey()));
                }
            }
        }
        return operations;
    }

    private static HttpRequest hostile(Operation operation, Random random) {
        String path = operation.path().replaceAll("\\{[^}]+}", encodeSegment(pathValue(random)));
        String query = random.nextInt(3) == 0 ? "" : "?" + query(random);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + query))
                .timeout(Duration.ofSeconds(60));
        switch (random.nextInt(8)) {
            case 0 -> { } // no token
            case 1 -> request.header("Authorization", pick(random, "garbage", "Bearer ", "Bearer a.b.c",
                    "Basic Zm9vOmJhcg==", "Bearer " + token + "x"));
            case 2 -> request.header("Authorization", "Bearer " + otherToken);
            default -> request.header("Authorization", "Bearer " + token);
        }
        if (random.nextBoolean()) {
            request.header("Idempotency-Key", pick(random, "", " ", "k-" + random.nextInt(5), "x".repeat(300),
                    "k;l=1,2", "a\tb", "../../etc", "\"quoted\""));
        }
        byte[] body = body(random);
        String contentType = pick(random, "application/json", "application/json", "application/json",
                "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
                "application/json; charset=latin1", "application/problem+json", "", "multipart/form-data; boundary=x");
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        return switch (operation.method()) {
            case "GET" -> random.nextInt(4) == 0 ? request.method("GET", publisher).build() : request.GET().build();
            default -> request.method(operation.method(), publisher).build();
        };
    }

    private static String pathValue(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "x".repeat(1 + random.nextInt(3000));
            case 2 -> "../../health";
            case 3 -> "00000000-0000-4000-8000-000000000000";
            case 4 -> LocalIssuer.subjectOf("fuzz-other");
            case 5 -> LocalIssuer.subjectOf("fuzz-user");
            case 6 -> "%00%ff";
            case 7 -> "😀ü\u0007";
            case 8 -> "' OR 1=1 --";
            default -> java.util.UUID.randomUUID().toString();
        };
    }

    private static String query(Random random) {
        List<String> parts = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = pick(random, "limit", "cursor", "limit", "status", "x");
            String value = pick(random, "-1", "0", "1", "25", "1000000000000", "abc", "1e3", "", "%ZZ (sent encoded: java.net.URI refuses a raw bad escape)",
                    "eyJub3QiOiJhIGN1cnNvciJ9", "A".repeat(5000), "null", "[]");
            parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    private static byte[] body(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> "{".getBytes(StandardCharsets.UTF_8);
            case 2 -> "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'};
            case 4 -> "{\"amount\": 1E+2147483648, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}"
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> "{\"amount\": 1e-2147483648, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}"
                    .getBytes(StandardCharsets.UTF_8);
            case 6 -> ("{\"name\": \"" + "n".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 7 -> "{\"name\": \"a\", \"name\": \"b\"}".getBytes(StandardCharsets.UTF_8);
            default -> JSON.createObjectNode().setAll(randomObject(random, 0)).toString()
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A JSON object with the contract's field names and values of any type. */
    private static com.fasterxml.jackson.databind.node.ObjectNode randomObject(Random random, int depth) {
        var object = JSON.createObjectNode();
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            object.set(pick(random, "name", "email", "amount", "items", "sku", "qty", "status", "userId", "orderId",
                    "__proto__", ""), randomValue(random, depth + 1));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        var nodes = JSON.getNodeFactory();
        return switch (depth > 4 ? random.nextInt(6) : random.nextInt(9)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(pick(random, -1L, 0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 5000L, 2L));
            case 3 -> nodes.numberNode(new java.math.BigDecimal(pick(random, "42.50", "0.001", "-3.2",
                    "99999999999999999999999999.99", "1E+400", "5000.01")));
            case 4 -> nodes.textNode(pick(random, "", "A-1", "42.50", "x".repeat(5000), "\u0000", "<script>",
                    "a@b.c", "😀"));
            case 5 -> nodes.numberNode(random.nextDouble() * 1e6);
            case 6 -> {
                var array = nodes.arrayNode();
                int n = random.nextInt(4) == 0 ? 200 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(random.nextBoolean() ? randomObject(random, depth) : randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> randomObject(random, depth);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String encodeSegment(String value) {
        if (value.startsWith("%") || value.contains("/")) {
            return value; // sent as is: raw escapes and dot segments are part of the attack
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
