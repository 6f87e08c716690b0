package dev.ordersprofiles.application.order;

import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A user's request for an order. */
public record PlaceOrderCommand(UserId userId, Money amount, List<LineItem> items,
                                Optional<IdempotencyKey> idempotencyKey) {
    public PlaceOrderCommand {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(amount, "amount");
        items = List.copyOf(items);
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
    }

    /** SHA-256 of the request's meaning (amount and lines, in order), to tell a replay from a different request. */
    public String requestHash() {
        StringBuilder canonical = new StringBuilder(amount.toString());
        for (LineItem item : items) {
            canonical.append('|').append(item.sku().value()).append('*').append(item.qty());
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
