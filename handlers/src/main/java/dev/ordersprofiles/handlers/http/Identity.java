package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.domain.profile.Email;
import dev.ordersprofiles.domain.shared.DomainException;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.Map;

/**
 * The caller as the Cognito authorizer saw it: {@code requestContext.authorizer.claims}, whose values API Gateway
 * sends as strings. Missing or unusable claims are a 401 (normally the authorizer rejects such calls first).
 */
final class Identity {
    private final Map<?, ?> claims;

    private Identity(Map<?, ?> claims) {
        this.claims = claims;
    }

    static Identity of(HttpRequest request) {
        var context = request.event().getRequestContext();
        Map<String, Object> authorizer = context == null ? null : context.getAuthorizer();
        Object claims = authorizer == null ? null : authorizer.get("claims");
        if (!(claims instanceof Map<?, ?> map)) {
            throw RequestRejected.unauthenticated("The request carries no identity claims.");
        }
        return new Identity(map);
    }

    UserId userId() {
        try {
            return UserId.of(claim("sub"));
        } catch (DomainException e) {
            throw RequestRejected.unauthenticated("The identity claim 'sub' is not usable.");
        }
    }

    Email email() {
        try {
            return Email.of(claim("email"));
        } catch (DomainException e) {
            throw RequestRejected.unauthenticated("The identity claim 'email' is not usable.");
        }
    }

    private String claim(String name) {
        Object value = claims.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw RequestRejected.unauthenticated("The identity claim '" + name + "' is missing.");
        }
        return s;
    }
}
