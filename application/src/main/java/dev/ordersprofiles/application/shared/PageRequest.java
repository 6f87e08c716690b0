package dev.ordersprofiles.application.shared;

import dev.ordersprofiles.domain.shared.InvalidValue;
import java.util.Optional;

/** Asks for up to {@code limit} (1..100) items, continuing after {@code pageToken} when given. */
public record PageRequest(int limit, Optional<String> pageToken) {
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValue("limit", "must be between 1 and " + MAX_LIMIT);
        }
        pageToken = pageToken == null ? Optional.empty() : pageToken;
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }
}
