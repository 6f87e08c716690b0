package dev.ordersprofiles.domain.shared;

import java.util.regex.Pattern;

/** A user's identity: the Cognito {@code sub} claim. Letters, digits, '-' and '_', 1 to 128 characters. */
public record UserId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public UserId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("userId", "must be 1 to 128 letters, digits, '-' or '_'");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
