package dev.ordersprofiles.domain.shared;

/** Root of every business-rule violation the domain reports. Unchecked; messages are safe to show a client. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }
}
