package dev.ordersprofiles.domain.shared;

/** A value object was given a value outside its rules; {@link #field()} names what was wrong. */
public final class InvalidValue extends DomainException {
    private final String field;

    public InvalidValue(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
