package dev.ordersprofiles.local.http;

import java.time.Duration;

/**
 * What the front door accepts, and how it refuses the rest: as API Gateway does (413, 431 or 400 with its
 * {@code {"message": "..."}} body), and as Lambda does for its Invoke API (6 MB synchronous payload).
 */
public final class Limits {
    /** API Gateway's payload limit. */
    public static final int MAX_API_BODY = 10 * 1024 * 1024;
    /** Lambda's synchronous invocation payload limit (6 MB, 6,291,456 bytes). */
    public static final int MAX_INVOKE_BODY = 6 * 1024 * 1024;
    /** API Gateway's limit on the request line and headers together (10,240 bytes). */
    public static final int MAX_HEADER_BYTES = 10 * 1024;
    /** More header lines than this is refused (API Gateway's quota lists no count; 200 keeps parsing bounded). */
    public static final int MAX_HEADER_COUNT = 200;
    /**
     * A connection with nothing to read or write for this long is closed (a stalled client holds no thread). Longer
     * than clients keep idle connections (the JDK's HttpClient 30 s, most SDKs up to 60 s), so a client never sends
     * a request on a connection the server is closing at that moment.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(70);
    /** The Lambda API's paths. */
    public static final String LAMBDA_PREFIX = "/2015-03-31/";

    private Limits() {
    }

    public static int maxBody(String path) {
        return isLambdaApi(path) ? MAX_INVOKE_BODY : MAX_API_BODY;
    }

    public static HttpResponse bodyTooLarge(String path) {
        if (isLambdaApi(path)) {
            return HttpResponse.json(413, "{\"Type\":\"User\",\"message\":\"Request must be smaller than "
                    + MAX_INVOKE_BODY + " bytes for the InvokeFunction operation\"}")
                    .with("X-Amzn-ErrorType", "RequestEntityTooLargeException");
        }
        return gatewayError(413, "Request Too Long");
    }

    public static HttpResponse tooManyHeaders() {
        return gatewayError(431, "Request Header Fields Too Large");
    }

    /** The body could not be read: a bad chunked encoding, a short body, a connection gone. */
    public static HttpResponse unreadable(String path, Throwable cause) {
        return gatewayError(400, "Bad Request");
    }

    /** API Gateway's own error answer, with its error type header. */
    public static HttpResponse gatewayError(int status, String message) {
        return HttpResponse.json(status, "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}").with("x-amzn-ErrorType", errorType(status));
    }

    private static String errorType(int status) {
        return switch (status) {
            case 403 -> "ForbiddenException";
            case 404 -> "NotFoundException";
            case 413 -> "RequestTooLongException";
            case 429 -> "TooManyRequestsException";
            default -> status >= 500 ? "InternalServerErrorException" : "BadRequestException";
        };
    }

    private static boolean isLambdaApi(String path) {
        return path != null && path.startsWith(LAMBDA_PREFIX);
    }
}
