package dev.ordersprofiles.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.application.shared.InvalidPageToken;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.Order;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsAndTokensTest {
    private final PageTokens tokens = new PageTokens();

    @Test
    void timestamps_are_24_characters_and_sort_like_time() {
        Instant early = Instant.parse("2026-01-01T00:00:00Z");
        Instant late = Instant.parse("2026-01-01T00:00:00.001Z");

        assertThat(Timestamps.format(early)).hasSize(24).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(early)).isLessThan(Timestamps.format(late));
        assertThat(Timestamps.parse(Timestamps.format(late))).isEqualTo(late);
    }

    @Test
    void sub_millisecond_digits_are_dropped() {
        assertThat(Timestamps.format(Instant.parse("2026-01-01T00:00:00.123456Z"))).isEqualTo("2026-01-01T00:00:00.123Z");
    }

    @Test
    void only_years_1970_to_9999_are_stored() {
        assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("9999-12-31T23:59:59.999Z");
        assertThatThrownBy(() -> Timestamps.format(Instant.EPOCH.minusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:00Z", "2026-02-30T00:00:00.000Z", "2026-01-01 00:00:00.000Z",
            "2026-01-01T00:00:00.000+", ""})
    void anything_but_the_fixed_format_is_refused(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_token_continues_after_the_order_it_was_made_from() {
        Order order = OrderFixtures.pending();

        var start = tokens.decode(tokens.encode(order), order.userId());

        assertThat(start.get("orderId").s()).isEqualTo(order.id().value());
        assertThat(start.get("userId").s()).isEqualTo(order.userId().value());
        assertThat(start.get("createdAt").s()).isEqualTo("2026-11-27T10:00:00.000Z");
    }

    @Test
    void another_users_token_is_refused() {
        String alices = tokens.encode(OrderFixtures.pending(OrderFixtures.ALICE, OrderFixtures.T0));

        assertThatThrownBy(() -> tokens.decode(alices, OrderFixtures.BOB)).isInstanceOf(InvalidPageToken.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-token", "%%%", "", "dTEKYWxpY2Utc3ViCg"})
    void garbled_tokens_are_refused(String token) {
        assertThatThrownBy(() -> tokens.decode(token, OrderFixtures.ALICE)).isInstanceOf(InvalidPageToken.class);
    }

    @Test
    void a_token_with_a_forged_order_id_is_refused() {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "u1\nalice-sub\n2026-11-27T10:00:00.000Z\n../../etc".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> tokens.decode(forged, OrderFixtures.ALICE)).isInstanceOf(InvalidPageToken.class);
    }
}
