package dev.ordersprofiles.domain.order;

import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order and its history. Immutable: every business verb returns a new {@code Order} one status
 * further, with the change appended to {@link #history()} and {@link #version()} one higher.
 * An illegal move throws {@link IllegalStatusChange}; nothing is ever silently overwritten.
 *
 * @param deadline when a PENDING order becomes stale and may be expired
 * @param version  the number of changes the order has seen; repositories use it for optimistic locking
 */
public record Order(OrderId id, UserId userId, Money amount, List<LineItem> items, OrderStatus status,
                    List<StatusChange> history, Instant createdAt, Instant updatedAt, Instant deadline,
                    long version) {
    public static final int MAX_LINES = 100;
    public static final int MAX_REASON_LENGTH = 500;

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

    /** Fails a non-terminal order; {@code reason} (1 to 500 characters) says why. */
    public Order fail(String reason, Instant at) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidOrder("a failure needs a reason of 1 to " + MAX_REASON_LENGTH + " characters");
        }
        return moveTo(new StatusChange(OrderStatus.FAILED, at, reason));
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
