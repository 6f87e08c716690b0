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

    // equals and hashCode written out: a record's generated ones are bootstrapped through invokedynamic
    // (ObjectMethods) on first use, ~25 ms of method-handle spinning in a function's first invocation.
    @Override
    public boolean equals(Object other) {
        return other instanceof UserId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
