package dev.ordersprofiles.application.shared;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing. {@code nextPageToken} is opaque to callers and absent on the last page.
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }
}
