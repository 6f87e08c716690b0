package dev.ordersprofiles.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A positive amount of money with at most two fraction digits and at most {@link #MAX}.
 * Always held as a {@link BigDecimal} with scale 2, never as a binary floating-point number.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {
    public static final BigDecimal MAX = new BigDecimal("1000000.00");

    public Money {
        if (amount == null) {
            throw new InvalidValue("amount", "is required");
        }
        if (amount.signum() <= 0) {
            throw new InvalidValue("amount", "must be greater than 0");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidValue("amount", "must have at most 2 fraction digits");
        }
        if (amount.compareTo(MAX) > 0) {
            throw new InvalidValue("amount", "must be at most " + MAX.toPlainString());
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Parses a decimal string such as {@code "42.50"}. */
    public static Money of(String amount) {
        try {
            return new Money(new BigDecimal(amount));
        } catch (NumberFormatException e) {
            throw new InvalidValue("amount", "is not a decimal number");
        }
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** The amount as a plain decimal string with two fraction digits, e.g. {@code 42.50}. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
