package dev.ordersprofiles.domain.profile;

import dev.ordersprofiles.domain.shared.InvalidValue;
import java.util.regex.Pattern;

/** An email address as the identity provider verified it; only its rough shape is checked here. */
public record Email(String value) {
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    public Email {
        if (value == null || value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new InvalidValue("email", "is not an email address");
        }
    }

    public static Email of(String value) {
        return new Email(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
