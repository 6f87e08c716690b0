package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.order.ExpiryReport;
import dev.ordersprofiles.application.order.PlaceOrderCommand;
import dev.ordersprofiles.application.testing.OrderFixtures;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.domain.shared.Money;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpireStaleOrdersTest {
    private final App app = new App("", true);

    @Test
    void only_pending_orders_past_their_deadline_expire_and_only_once() {
        OrderId stale1 = place();
        OrderId stale2 = place();
        OrderId validated = place();
        app.validate.validate(validated);
        app.clock.advance(Duration.ofMinutes(10));
        OrderId fresh = place();
        app.clock.advance(OrderFixtures.PENDING_FOR.minus(Duration.ofMinutes(5)));

        ExpiryReport first = app.expireStale.expireStale();
        ExpiryReport second = app.expireStale.expireStale();

        assertThat(first).isEqualTo(new ExpiryReport(2, 0));
        assertThat(second).isEqualTo(new ExpiryReport(0, 0));
        assertThat(status(stale1)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(status(stale2)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(status(validated)).isEqualTo(OrderStatus.VALIDATED);
        assertThat(status(fresh)).isEqualTo(OrderStatus.PENDING);
        assertThat(app.events.events()).filteredOn(e -> e instanceof BusinessEvent.OrderExpired)
                .containsExactlyInAnyOrder(new BusinessEvent.OrderExpired(stale1), new BusinessEvent.OrderExpired(stale2));
    }

    private OrderStatus status(OrderId id) {
        return app.orders.find(id).orElseThrow().status();
    }

    private OrderId place() {
        return app.placeOrder.place(new PlaceOrderCommand(ALICE, Money.of("3.00"), List.of(LineItem.of("A-1", 1)),
                Optional.empty())).id();
    }
}
