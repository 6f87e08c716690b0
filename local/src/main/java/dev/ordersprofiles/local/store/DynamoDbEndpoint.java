package dev.ordersprofiles.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB API on the stack's own port: POST requests whose {@code X-Amz-Target} is
 * {@code DynamoDB_20120810.<Operation>} go to the store (AWS JSON 1.0 both ways, status and error bodies as the store
 * answered), item writes through {@link ChangeCapture} so that tables with a stream get their records. It checks no
 * signature itself: the server's AWS-protocol layer in front of it does that for every X-Amz-Target request.
 */
public final class DynamoDbEndpoint {
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ANSWER_HEADERS = List.of("x-amzn-RequestId", "x-amz-crc32");

    private final StoreClient store;
    private final ChangeCapture capture;
    private final TableExports exports;

    public DynamoDbEndpoint(StoreClient store, ChangeCapture capture) {
        this(store, capture, null);
    }

    /** With {@code exports} answering the export operations the store lacks (null: the store answers them). */
    public DynamoDbEndpoint(StoreClient store, ChangeCapture capture, TableExports exports) {
        this.store = store;
        this.capture = capture;
        this.exports = exports;
    }

    /** The store behind the endpoint (the console's read-only table browser scans through it). */
    public StoreClient store() {
        return store;
    }

    /**
     * The stack's own call of {@code operation} (Step Functions' DynamoDB integration): through the change capture,
     * so streams see it as they see a function's write.
     */
    public StoreClient.Answer call(String operation, JsonNode body) {
        return capture.write(operation, body, () -> store.call(operation, body));
    }

    public boolean serves(HttpRequest request) {
        return request.method().equals("POST")
                && request.header("X-Amz-Target").map(t -> t.startsWith(TARGET_PREFIX)).orElse(false);
    }

    public HttpResponse handle(HttpRequest request) {
        String operation = request.header("X-Amz-Target").orElseThrow().substring(TARGET_PREFIX.length());
        StoreClient.Answer answer;
        try {
            JsonNode body = parse(request.body());
            if (exports != null && body != null && exports.serves(operation)) {
                return exports.handle(operation, body);
            }
            answer = body == null ? store.forward(request.headers(), request.body())
                    : capture.write(operation, body, () -> store.forward(request.headers(), request.body()));
        } catch (StoreClient.StoreException e) {
            System.out.println("{\"time\":\"" + java.time.Instant.now() + "\",\"level\":\"ERROR\",\"component\":\"dynamodb-endpoint\",\"operation\":\""
                    + EmbeddedDynamoDb.jsonEscape(operation) + "\",\"error\":\""
                    + EmbeddedDynamoDb.jsonEscape(e.getMessage()) + "\"}");
            return HttpResponse.of(503, "application/x-amz-json-1.0",
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ServiceUnavailableException\",\"message\":\"the local DynamoDB store is unavailable\"}"
                            .getBytes(StandardCharsets.UTF_8));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(first(answer.headers(), "Content-Type", "application/x-amz-json-1.0")));
        for (String name : ANSWER_HEADERS) {
            String value = first(answer.headers(), name, null);
            if (value != null) {
                headers.put(name, List.of(value));
            }
        }
        return new HttpResponse(answer.status(), headers, answer.body());
    }

    /** The request as JSON, or null when it is not (the store then answers with its own SerializationException). */
    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> headers, String name, String otherwise) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return otherwise;
    }
}
