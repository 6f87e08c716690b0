package dev.ordersprofiles.local.asl;

/**
 * A state machine definition that cannot be loaded: invalid ASL, or a construct this interpreter does not
 * support. The message names the state and the field, e.g. {@code State "Charge": field "Next": ...}.
 */
public final class AslDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AslDefinitionException(String message) {
        super(message);
    }
}
