package dev.ordersprofiles.domain.order;

/**
 * Where an order is in its life. The one table of legal moves:
 * {@code PENDING -> VALIDATED -> RESERVED -> CHARGED -> CONFIRMED}, {@code PENDING -> EXPIRED},
 * any non-terminal status {@code -> COMPENSATING} (a refund or a release has begun undoing it; it never goes
 * forward again, and each further undo is a {@code COMPENSATING -> COMPENSATING} move), and any non-terminal status
 * {@code -> FAILED}. CONFIRMED, EXPIRED and FAILED are terminal. Which FAILED moves a verb allows (nothing left to
 * undo, or a recorded "needs attention") is {@link Order}'s business.
 */
public enum OrderStatus {
    PENDING, VALIDATED, RESERVED, CHARGED, COMPENSATING, CONFIRMED, EXPIRED, FAILED;

    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING -> next == VALIDATED || next == EXPIRED || next == COMPENSATING || next == FAILED;
            case VALIDATED -> next == RESERVED || next == COMPENSATING || next == FAILED;
            case RESERVED -> next == CHARGED || next == COMPENSATING || next == FAILED;
            case CHARGED -> next == CONFIRMED || next == COMPENSATING || next == FAILED;
            case COMPENSATING -> next == COMPENSATING || next == FAILED;
            case CONFIRMED, EXPIRED, FAILED -> false;
        };
    }

    public boolean isTerminal() {
        return this == CONFIRMED || this == EXPIRED || this == FAILED;
    }

    /** True when this status lies on the happy path at or after {@code other} (e.g. CHARGED has reached RESERVED). */
    public boolean hasReached(OrderStatus other) {
        return isForward(this) && isForward(other) && ordinal() >= other.ordinal();
    }

    private static boolean isForward(OrderStatus s) {
        return s != EXPIRED && s != FAILED && s != COMPENSATING;
    }
}
