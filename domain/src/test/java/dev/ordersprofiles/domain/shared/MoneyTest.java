package dev.ordersprofiles.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
    @Test
    void money_is_kept_with_two_fraction_digits() {
        assertThat(Money.of("42.5").toString()).isEqualTo("42.50");
        assertThat(Money.of("7").amount().scale()).isEqualTo(2);
        assertThat(Money.of("1000000.00").toString()).isEqualTo("1000000.00");
        assertThat(Money.of("42.500")).isEqualTo(Money.of("42.50"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.00", "1.001", "1000000.01", "1e9", "NaN", "", "abc"})
    void out_of_range_or_malformed_amounts_are_rejected(String amount) {
        assertThatThrownBy(() -> Money.of(amount)).isInstanceOf(InvalidValue.class)
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo("amount");
    }

    @Test
    void a_null_amount_is_rejected() {
        assertThatThrownBy(() -> new Money(null)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void amounts_compare_by_value() {
        assertThat(Money.of("10.00").isGreaterThan(Money.of("9.99"))).isTrue();
        assertThat(new Money(new BigDecimal("0.1")).isGreaterThan(Money.of("0.10"))).isFalse();
    }

    @Test
    void user_ids_have_a_safe_shape() {
        assertThat(UserId.of("7d4c-11ee_Ab").value()).isEqualTo("7d4c-11ee_Ab");
        assertThatThrownBy(() -> UserId.of("a/b")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> UserId.of("")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> UserId.of("x".repeat(129))).isInstanceOf(InvalidValue.class);
    }
}
