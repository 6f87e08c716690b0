package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An order and its history. Immutable: every business verb returns a new {@code Order} one status
 * further, with the change appended to {@link #history()} and {@link #version()} one higher.
 * An illegal move throws {@link IllegalStatusChange}; nothing is ever silently overwritten.
 *
 * <p>Undoing is part of the order's state: {@link #refund} and {@link #release} move it to COMPENSATING (recording
 * what was undone), after which it can only fail; {@link #fail} is refused while the order {@linkplain #mayHold may
 * still hold} a reservation or a charge; {@link #failNeedingAttention} ends it FAILED anyway when an undo could not
 * be done, naming what may still be held.
 *
 * @param deadline when a PENDING order becomes stale and may be expired
 * @param version  the number of changes the order has seen; repositories use it for optimistic locking
 */
public record Order(OrderId id, UserId userId, Money amount, List<LineItem> items, OrderStatus status,
                    List<StatusChange> history, Instant createdAt, Instant updatedAt, Instant deadline,
                    long version) {
    public static final int MAX_LINES = 100;
    public static final int MAX_REASON_LENGTH = 500;
    /** The COMPENSATING history reason of the move that stops the order going forward, before anything is undone. */
    public static final String COMPENSATION_BEGUN = "compensation begun";
    /** The COMPENSATING history reason of a refund. */
    public static final String REFUNDED = "payment refunded";
    /** The COMPENSATING history reason of a release. */
    public static final String RELEASED = "reservation released";
    /** How the reason of an order failed with something left to undo begins. */
    public static final String NEEDS_ATTENTION = "needs attention: ";

    /** Something outside the order that a step may have taken for it and a compensation must give back. */
    public enum Hold {
        RESERVATION, CHARGE
    }

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(deadline, "deadline");
        items = List.copyOf(items);
        history = List.copyOf(history);
        if (items.isEmpty() || items.size() > MAX_LINES) {
            throw new InvalidOrder("an order needs 1 to " + MAX_LINES + " lines, not " + items.size());
        }
        if (history.isEmpty() || history.get(0).status() != OrderStatus.PENDING) {
            throw new InvalidOrder("order " + id + ": history must start with PENDING");
        }
        if (history.get(history.size() - 1).status() != status) {
            throw new InvalidOrder("order " + id + ": history must end with the current status " + status);
        }
        if (version < 1) {
            throw new InvalidOrder("order " + id + ": version must be at least 1");
        }
    }

    /** A new PENDING order, due to expire {@code pendingFor} after {@code now} unless the workflow moves it on. */
    public static Order place(OrderId id, UserId userId, Money amount, List<LineItem> items,
                              Instant now, Duration pendingFor) {
        return new Order(id, userId, amount, items, OrderStatus.PENDING,
                List.of(StatusChange.to(OrderStatus.PENDING, now)), now, now, now.plus(pendingFor), 1);
    }

    public Order validate(Instant at) {
        return moveTo(StatusChange.to(OrderStatus.VALIDATED, at));
    }

    public Order reserve(Instant at) {
        return moveTo(StatusChange.to(OrderStatus.RESERVED, at));
    }

    public Order charge(Instant at) {
        return moveTo(StatusChange.to(OrderStatus.CHARGED, at));
    }

    public Order confirm(Instant at) {
        return moveTo(StatusChange.to(OrderStatus.CONFIRMED, at));
    }

    /** Expires a PENDING order; only once its deadline has passed. */
    public Order expire(Instant at) {
        if (status == OrderStatus.PENDING && !isPastDeadline(at)) {
            throw new IllegalStatusChange(id, status, OrderStatus.EXPIRED);
        }
        return moveTo(StatusChange.to(OrderStatus.EXPIRED, at));
    }

    /**
     * Stops the order going forward before anything is undone, so that no step can take a reservation or a charge
     * while a compensation gives them back: the order moves to COMPENSATING. Returns this order unchanged when it is
     * COMPENSATING already.
     *
     * @throws IllegalStatusChange for a terminal order
     */
    public Order beginCompensation(Instant at) {
        if (status == OrderStatus.COMPENSATING) {
            return this;
        }
        if (status.isTerminal()) {
            throw new IllegalStatusChange(id, status, OrderStatus.COMPENSATING);
        }
        return moveTo(new StatusChange(OrderStatus.COMPENSATING, at, COMPENSATION_BEGUN));
    }

    /**
     * Records that the order's charge was refunded: the order moves to COMPENSATING and can never be confirmed.
     * Returns this order unchanged when the refund is recorded already (and the order is not terminal).
     *
     * @throws IllegalStatusChange for a terminal order
     */
    public Order refund(Instant at) {
        return undo(REFUNDED, at);
    }

    /** Records that the order's reservation was released; like {@link #refund}. */
    public Order release(Instant at) {
        return undo(RELEASED, at);
    }

    /**
     * Fails a non-terminal order that holds nothing any more; {@code reason} (1 to 500 characters) says why.
     *
     * @throws CompensationIncomplete while the order may still hold a reservation or a charge
     */
    public Order fail(String reason, Instant at) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidOrder("a failure needs a reason of 1 to " + MAX_REASON_LENGTH + " characters");
        }
        Set<Hold> holds = mayHold();
        if (!status.isTerminal() && !holds.isEmpty()) {
            throw new CompensationIncomplete(id, holds);
        }
        return moveTo(new StatusChange(OrderStatus.FAILED, at, reason));
    }

    /**
     * Fails a non-terminal order although something could not be undone; the reason starts with
     * {@link #NEEDS_ATTENTION}, gives {@code cause} and names what the order may still hold, for a person to settle.
     */
    public Order failNeedingAttention(String cause, Instant at) {
        String why = cause == null || cause.isBlank() ? "Unknown" : cause.strip();
        String reason = NEEDS_ATTENTION + why + "; not undone: " + describe(mayHold());
        if (reason.length() > MAX_REASON_LENGTH) {
            int keep = MAX_REASON_LENGTH - (reason.length() - why.length());
            reason = NEEDS_ATTENTION + why.substring(0, Math.max(1, keep)) + "; not undone: " + describe(mayHold());
        }
        return moveTo(new StatusChange(OrderStatus.FAILED, at, reason));
    }

    /**
     * What a step may have taken for this order and no compensation has given back: the reservation once the
     * order was VALIDATED (the reservation is made before RESERVED is stored), the charge once it was RESERVED.
     * Empty for PENDING, EXPIRED and cleanly FAILED orders; both for CONFIRMED ones.
     */
    public Set<Hold> mayHold() {
        Set<Hold> holds = EnumSet.noneOf(Hold.class);
        if (wasEver(OrderStatus.VALIDATED) && !isReleased()) {
            holds.add(Hold.RESERVATION);
        }
        if (wasEver(OrderStatus.RESERVED) && !isRefunded()) {
            holds.add(Hold.CHARGE);
        }
        return holds;
    }

    public boolean isRefunded() {
        return undone(REFUNDED);
    }

    public boolean isReleased() {
        return undone(RELEASED);
    }

    /** True for a FAILED order that ended with something it could not undo (see {@link #failNeedingAttention}). */
    public boolean needsAttention() {
        return failureReason().map(r -> r.startsWith(NEEDS_ATTENTION)).orElse(false);
    }

    /**
     * When the reconciler should look at this order: its deadline while PENDING, {@code stuckAfter} after its last
     * move while in flight; empty once terminal.
     */
    public Optional<Instant> dueAt(Duration stuckAfter) {
        if (status.isTerminal()) {
            return Optional.empty();
        }
        return Optional.of(status == OrderStatus.PENDING ? deadline : updatedAt.plus(stuckAfter));
    }

    static String describe(Set<Hold> holds) {
        if (holds.isEmpty()) {
            return "nothing";
        }
        return holds.stream().map(h -> h.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private Order undo(String what, Instant at) {
        if (status.isTerminal()) {
            throw new IllegalStatusChange(id, status, OrderStatus.COMPENSATING);
        }
        if (undone(what)) {
            return this;
        }
        return moveTo(new StatusChange(OrderStatus.COMPENSATING, at, what));
    }

    private boolean undone(String what) {
        for (StatusChange change : history) {
            if (change.status() == OrderStatus.COMPENSATING && what.equals(change.reason())) {
                return true;
            }
        }
        return false;
    }

    private boolean wasEver(OrderStatus s) {
        for (StatusChange change : history) {
            if (change.status() == s) {
                return true;
            }
        }
        return false;
    }

    public boolean isPastDeadline(Instant now) {
        return !now.isBefore(deadline);
    }

    public boolean isOwnedBy(UserId user) {
        return userId.equals(user);
    }

    /** Why the order failed, when it did. */
    public Optional<String> failureReason() {
        return status == OrderStatus.FAILED
                ? Optional.of(history.get(history.size() - 1).reason())
                : Optional.empty();
    }

    private Order moveTo(StatusChange change) {
        if (!status.canMoveTo(change.status())) {
            throw new IllegalStatusChange(id, status, change.status());
        }
        Instant at = change.at().isBefore(updatedAt) ? updatedAt : change.at();
        List<StatusChange> next = new ArrayList<>(history.size() + 1);
        next.addAll(history);
        next.add(new StatusChange(change.status(), at, change.reason()));
        return new Order(id, userId, amount, items, change.status(), next, createdAt, at, deadline, version + 1);
    }
}
