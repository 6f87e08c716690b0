package dev.ordersprofiles.application.shared;

import dev.ordersprofiles.domain.shared.DomainException;

/** A page token was not one this service handed out (or was tampered with). */
public final class InvalidPageToken extends DomainException {
    public InvalidPageToken() {
        super("pageToken is not valid");
    }
}
