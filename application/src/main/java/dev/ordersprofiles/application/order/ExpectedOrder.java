package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a workflow step's payload says about the order it names, besides its id: the user, the amount and the items,
 * each optional (the state machine sends only the id; a caller invoking a step by hand may send more). A step
 * compares them with the stored order before it acts and refuses any difference with {@link OrderPayloadMismatch}:
 * the table is the truth, and a payload that speaks of another order is a business error, never retried.
 */
public record ExpectedOrder(Optional<UserId> userId, Optional<Money> amount, Optional<List<LineItem>> items) {
    /** A payload with the order id only: nothing to compare. */
    public static final ExpectedOrder ANY = new ExpectedOrder(Optional.empty(), Optional.empty(), Optional.empty());

    private static final Comparator<LineItem> LINE_ORDER =
            Comparator.comparing((LineItem line) -> line.sku().value()).thenComparingInt(LineItem::qty);

    public ExpectedOrder {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(amount, "amount");
        items = Objects.requireNonNull(items, "items").map(List::copyOf);
    }

    /**
     * @throws OrderPayloadMismatch naming the first field that differs from {@code stored}; the items compare as a
     *                              set of lines, whatever their order
     */
    public void check(Order stored) {
        if (userId.isPresent() && !userId.get().equals(stored.userId())) {
            throw new OrderPayloadMismatch(stored.id(), "userId", "the payload's user is not the order's");
        }
        if (amount.isPresent() && !amount.get().equals(stored.amount())) {
            throw new OrderPayloadMismatch(stored.id(), "amount", "the payload says " + amount.get().amount()
                    .toPlainString() + ", the order " + stored.amount().amount().toPlainString());
        }
        if (items.isPresent() && !sorted(items.get()).equals(sorted(stored.items()))) {
            throw new OrderPayloadMismatch(stored.id(), "items", "the payload's items are not the order's");
        }
    }

    private static List<LineItem> sorted(List<LineItem> lines) {
        List<LineItem> copy = new ArrayList<>(lines);
        copy.sort(LINE_ORDER);
        return copy;
    }
}
