package dev.ordersprofiles.domain.profile;

import dev.ordersprofiles.domain.shared.InvalidValue;

/** A display name: trimmed, 1 to 100 characters, no control characters. */
public record ProfileName(String value) {
    public static final int MAX_LENGTH = 100;

    public ProfileName {
        if (value == null) {
            throw new InvalidValue("name", "is required");
        }
        value = value.strip();
        if (value.isEmpty() || value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValue("name", "must be 1 to " + MAX_LENGTH + " characters after trimming");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidValue("name", "must not contain control characters");
        }
    }

    public static ProfileName of(String value) {
        return new ProfileName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
