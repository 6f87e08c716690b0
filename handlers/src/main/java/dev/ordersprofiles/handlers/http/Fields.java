package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.domain.shared.InvalidValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects field errors while a request is turned into a command, so that one 400 names every offending field.
 * Domain value objects validate themselves; their {@link InvalidValue} becomes a field error here.
 */
final class Fields {
    private final List<FieldError> errors = new ArrayList<>();

    /** The value built by {@code build}, or null after recording a field error for {@code field}. */
    <T> T build(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidValue e) {
            String prefix = e.field() + ": ";
            String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                    : e.getMessage();
            errors.add(new FieldError(field, message));
            return null;
        }
    }

    /** Records "is required" for {@code field} when {@code value} is null; returns whether it was present. */
    boolean required(String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        return true;
    }

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** @throws RequestRejected (400) when any error was recorded */
    void check() {
        if (!errors.isEmpty()) {
            throw RequestRejected.invalidFields(errors);
        }
    }
}
