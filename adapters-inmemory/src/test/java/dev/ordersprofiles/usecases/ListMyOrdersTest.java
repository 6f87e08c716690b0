package dev.ordersprofiles.usecases;

import static dev.ordersprofiles.application.testing.OrderFixtures.ALICE;
import static dev.ordersprofiles.application.testing.OrderFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.application.order.ListMyOrdersQuery;
import dev.ordersprofiles.application.order.ListMyOrdersService;
import dev.ordersprofiles.application.shared.Page;
import dev.ordersprofiles.application.shared.PageRequest;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListMyOrdersTest {
    private final App app = new App();
    private final ListMyOrdersService listMyOrders = new ListMyOrdersService(app.orders);

    @Test
    void a_user_sees_only_their_orders_newest_first_a_page_at_a_time() {
        OrderId first = place(ALICE);
        app.clock.advance(Duration.ofSeconds(1));
        place(BOB);
        OrderId second = place(ALICE);
        app.clock.advance(Duration.ofSeconds(1));
        OrderId third = place(ALICE);

        Page<Order> page1 = listMyOrders.list(new ListMyOrdersQuery(ALICE, PageRequest.first(2)));
        Page<Order> page2 = listMyOrders.list(new ListMyOrdersQuery(ALICE, new PageRequest(2, page1.nextPageToken())));

        assertThat(page1.items()).extracting(Order::id).containsExactly(third, second);
        assertThat(page2.items()).extracting(Order::id).containsExactly(first);
        assertThat(page2.nextPageToken()).isEmpty();
    }

    private OrderId place(dev.ordersprofiles.domain.shared.UserId user) {
        return app.placeOrder.place(PlaceOrderTest.seedOrder(user, null)).id();
    }
}
