package dev.ordersprofiles.domain.shared;

/** A user's identity: the Cognito {@code sub} claim. Letters, digits, '-' and '_', 1 to 128 characters. */
public record UserId(String value) {
    public UserId {
        if (!Shapes.isWord(value, 128)) {
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
