package dev.ordersprofiles.domain.order;

/**
 * Where an order is in its life. The one table of legal moves:
 * {@code PENDING -> VALIDATED -> RESERVED -> CHARGED -> CONFIRMED}, {@code PENDING -> EXPIRED},
 * and any non-terminal status {@code -> FAILED}. CONFIRMED, EXPIRED and FAILED are terminal.
 */
public enum OrderStatus {
    PENDING, VALIDATED, RESERVED, CHARGED, CONFIRMED, EXPIRED, FAILED;

    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING -> next == VALIDATED || next == EXPIRED || next == FAILED;
            case VALIDATED -> next == RESERVED || next == FAILED;
            case RESERVED -> next == CHARGED || next == FAILED;
            case CHARGED -> next == CONFIRMED || next == FAILED;
            case CONFIRMED, EXPIRED, FAILED -> false;
        };
    }

    public boolean isTerminal() {
        return this == CONFIRMED || this == EXPIRED || this == FAILED;
    }

    /** True when this status lies on the happy path at or after {@code other} (e.g. CHARGED has reached RESERVED). */
    public boolean hasReached(OrderStatus other) {
        return !isFailureEnd(this) && !isFailureEnd(other) && ordinal() >= other.ordinal();
    }

    private static boolean isFailureEnd(OrderStatus s) {
        return s == EXPIRED || s == FAILED;
    }
}
