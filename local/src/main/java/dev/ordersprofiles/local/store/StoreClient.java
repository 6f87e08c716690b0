package dev.ordersprofiles.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Speaks the DynamoDB JSON 1.0 protocol to the store behind the stack: the stack's own calls (tables, images
 * before and after a write, the TTL sweep) and the requests it forwards. The store is local and checks no
 * signature, so the stack's own calls carry a well-formed SigV4 header with a placeholder signature.
 */
public final class StoreClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final List<String> FORWARDED = List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token",
            "Content-Type", "X-Amz-Target", "X-Amz-User-Agent", "User-Agent", "amz-sdk-invocation-id",
            "amz-sdk-request", "Accept-Encoding");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final URI endpoint;
    private final HttpClient http;

    public StoreClient(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A store answer, as it came: status, body, and the headers a DynamoDB client reads. */
    public record Answer(int status, byte[] body, Map<String, List<String>> headers) {
        public boolean ok() {
            return status == 200;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("the store answered non-JSON", e);
            }
        }

        /** The error's short name, e.g. {@code ConditionalCheckFailedException}, or "" on success. */
        public String errorType() {
            if (ok()) {
                return "";
            }
            String type = json().path("__type").asText("");
            return type.substring(type.lastIndexOf('#') + 1);
        }
    }

    /** Forwards a client's request (operation = the part of X-Amz-Target after the dot) with its own headers. */
    public Answer forward(Map<String, List<String>> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED) {
            header(headers, name).ifPresent(value -> request.header(name, value));
        }
        return send(request.build());
    }

    /** The stack's own call of {@code operation} with a JSON body. */
    public Answer call(String operation, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .header("X-Amz-Date", date)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/" + date.substring(0, 8)
                        + "/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target,"
                        + " Signature=0000000000000000000000000000000000000000000000000000000000000000")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return send(request);
    }

    /** {@link #call} that must succeed. @throws StoreException with the store's error otherwise */
    public JsonNode require(String operation, JsonNode body) {
        Answer answer = call(operation, body);
        if (!answer.ok()) {
            throw new StoreException(operation + " failed: " + answer.status() + " "
                    + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return answer.json();
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new StoreException("the DynamoDB store at " + endpoint + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while calling the DynamoDB store", e);
        }
    }

    /** Polls ListTables until the store answers, {@code alive} turns false or the timeout passes. */
    static boolean awaitAnswering(URI endpoint, BooleanSupplier alive, Duration timeout) {
        StoreClient probe = new StoreClient(endpoint);
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < giveUpAt && alive.getAsBoolean()) {
            try {
                if (probe.call("ListTables", JSON.createObjectNode()).ok()) {
                    return true;
                }
            } catch (StoreException notYet) {
                // refused until dynalite listens
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static java.util.Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return java.util.Optional.of(h.getValue().get(h.getValue().size() - 1));
            }
        }
        return java.util.Optional.empty();
    }

    /** The store cannot be reached or refused one of the stack's own calls. */
    public static final class StoreException extends RuntimeException {
        StoreException(String message) {
            super(message);
        }

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
