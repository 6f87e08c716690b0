package dev.ordersprofiles.local.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import dev.ordersprofiles.local.http.Limits;
import java.util.Optional;

/**
 * The two ways the AWS APIs on the stack's port answer an error. Lambda's REST-JSON API answers 403 with
 * {@code {"Type": "User", "message": ...}} and the {@code X-Amzn-ErrorType} header; the JSON-protocol APIs
 * (DynamoDB, Step Functions: a POST with {@code X-Amz-Target}) answer 400 with
 * {@code {"__type": "com.amazon.coral.service#...", "message": ...}}, the same header, and their own content type.
 */
public enum AwsProtocol {
    LAMBDA_REST_JSON,
    AWS_JSON;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The protocol a request speaks, when it is one of the AWS APIs. */
    public static Optional<AwsProtocol> of(HttpRequest request) {
        if (request.header("X-Amz-Target").isPresent()) {
            return Optional.of(AWS_JSON);
        }
        if (request.path() != null && request.path().startsWith(Limits.LAMBDA_PREFIX)) {
            return Optional.of(LAMBDA_REST_JSON);
        }
        return Optional.empty();
    }

    String missingTokenMessage() {
        return this == LAMBDA_REST_JSON ? "Missing Authentication Token" : "Request is missing Authentication Token";
    }

    /** The error answer of this protocol. */
    public HttpResponse error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        if (this == LAMBDA_REST_JSON) {
            body.put("Type", "User").put("message", message);
            return HttpResponse.json(403, body.toString()).with("X-Amzn-ErrorType", type);
        }
        body.put("__type", "com.amazon.coral.service#" + type).put("message", message);
        return HttpResponse.of(400, "application/x-amz-json-1.0", body.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).with("X-Amzn-ErrorType", type);
    }
}
