package dev.ordersprofiles.domain.profile;

import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.domain.shared.Shapes;

/** An email address as the identity provider verified it; only its rough shape is checked here. */
public record Email(String value) {
    public Email {
        if (value == null || value.length() > 254 || !Shapes.isRoughEmail(value)) {
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
