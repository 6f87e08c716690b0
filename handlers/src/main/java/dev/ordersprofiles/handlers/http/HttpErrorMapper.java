package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.application.order.ConcurrentOrderUpdate;
import dev.ordersprofiles.application.order.DuplicateOrder;
import dev.ordersprofiles.application.order.IdempotencyKeyReused;
import dev.ordersprofiles.application.order.OrderNotFound;
import dev.ordersprofiles.application.profile.ProfileNotFound;
import dev.ordersprofiles.application.shared.DependencyUnavailable;
import dev.ordersprofiles.application.shared.InvalidPageToken;
import dev.ordersprofiles.domain.order.IllegalStatusChange;
import dev.ordersprofiles.domain.order.InvalidOrder;
import dev.ordersprofiles.domain.shared.DomainException;
import dev.ordersprofiles.handlers.common.Invocation;
import java.util.List;

/**
 * The one mapping from errors to HTTP answers, always {@code application/problem+json} (RFC 9457):
 * <ul>
 *   <li>{@link RequestRejected}: its own status (400 contract violation, 401, 413, 415). Domain value errors
 *   ({@code InvalidValue}) met while building a command are turned into 400 field errors before a use case runs.</li>
 *   <li>{@link InvalidPageToken}: 400.</li>
 *   <li>{@link OrderNotFound}, {@link ProfileNotFound}: 404, with a fixed body that does not say whether the
 *   resource exists for someone else.</li>
 *   <li>{@link ConcurrentOrderUpdate}, {@link IllegalStatusChange}, {@link DuplicateOrder}: 409.</li>
 *   <li>{@link IdempotencyKeyReused}, {@link InvalidOrder} and any other {@link DomainException} a use case raises
 *   on a request that matched the contract: 422 (domain messages are safe to show).</li>
 *   <li>{@link DependencyUnavailable} (a dependency still failing after the client's retries: throttled, down, too
 *   slow): 503 with {@code Retry-After}, a generic body, logged as a warning with the error's class; the request
 *   changed nothing it could not repeat (every write is conditional and keyed by the Idempotency-Key or the id).</li>
 *   <li>anything else: 500 with a generic body; the error and its stack trace go to the invocation's log line,
 *   which carries the request id.</li>
 * </ul>
 */
public final class HttpErrorMapper {
    private HttpErrorMapper() {
    }

    /** Seconds a client is asked to wait before it tries again during an outage. */
    static final String RETRY_AFTER_SECONDS = "2";

    static APIGatewayProxyResponseEvent toResponse(Throwable error, Invocation invocation) {
        Problem problem = toProblem(error);
        if (problem.status() == 503) {
            invocation.warn();
            invocation.put("problem", problem.type().substring(Problem.TYPE_BASE.length()));
            invocation.put("error", error.getClass().getName());
            invocation.put("errorMessage", error.getMessage()); // our client's words: the call, attempts, cause
            APIGatewayProxyResponseEvent response = HttpJson.problem(problem);
            response.getHeaders().put("Retry-After", RETRY_AFTER_SECONDS);
            return response;
        }
        if (problem.status() >= 500) {
            invocation.error(error);
        } else {
            invocation.warn();
            invocation.put("problem", problem.type().substring(Problem.TYPE_BASE.length()));
        }
        return HttpJson.problem(problem);
    }

    static Problem toProblem(Throwable error) {
        if (error instanceof RequestRejected r) {
            return switch (r.status()) {
                case 400 -> problem("invalid-request", "Invalid request", 400, r.detail(), r.errors());
                case 401 -> problem("unauthenticated", "Unauthenticated", 401, r.detail(), List.of());
                case 413 -> problem("payload-too-large", "Payload too large", 413, r.detail(), List.of());
                case 415 -> problem("unsupported-media-type", "Unsupported media type", 415, r.detail(), List.of());
                default -> internal();
            };
        }
        if (error instanceof InvalidPageToken e) {
            return problem("invalid-request", "Invalid request", 400, e.getMessage(),
                    List.of(new FieldError("pageToken", "is not valid")));
        }
        if (error instanceof OrderNotFound) {
            return problem("not-found", "Not found", 404, "No such order.", List.of());
        }
        if (error instanceof ProfileNotFound) {
            return problem("not-found", "Not found", 404, "No such profile.", List.of());
        }
        if (error instanceof ConcurrentOrderUpdate || error instanceof IllegalStatusChange
                || error instanceof DuplicateOrder) {
            return problem("conflict", "Conflict", 409, error.getMessage(), List.of());
        }
        if (error instanceof IdempotencyKeyReused e) {
            return problem("idempotency-key-reused", "Idempotency-Key reused", 422, e.getMessage(), List.of());
        }
        if (error instanceof DomainException e) {
            return problem("unprocessable", "Unprocessable request", 422, e.getMessage(), List.of());
        }
        if (error instanceof DependencyUnavailable) {
            return problem("service-unavailable", "Service unavailable", 503,
                    "A service we depend on is not answering; try again shortly (Retry-After).", List.of());
        }
        return internal();
    }

    private static Problem internal() {
        return problem("internal-error", "Internal error", 500,
                "Something went wrong on our side. Quote the request id when you report it.", List.of());
    }

    private static Problem problem(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, detail, errors);
    }
}
