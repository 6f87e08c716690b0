package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.asOtherUser;
import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.errorFields;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.json;
import static dev.ordersprofiles.handlers.support.Api.withClaims;
import static dev.ordersprofiles.handlers.support.Api.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.handlers.support.Api;
import dev.ordersprofiles.handlers.support.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListMyOrdersHandlerTest {
    private final World world = new World();
    private final ListMyOrdersHandler handler = new ListMyOrdersHandler(world.component);

    /** Stores {@code count} orders of the caller a second apart, plus one of another user in between each. */
    private List<String> ordersNewestFirst(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(0, world.pendingOrder("10.00", "A-" + i, 1).id().value());
            world.component.orderRepository().add(Order.place(OrderId.of(UUID.randomUUID()),
                    UserId.of(Api.OTHER_SUB), Money.of("5.00"), List.of(LineItem.of("B-1", 1)),
                    world.clock.instant(), Duration.ofSeconds(900)));
            world.clock.advance(Duration.ofSeconds(1));
        }
        return ids;
    }

    private static APIGatewayProxyRequestEvent list(String limit, String cursor) {
        Map<String, String> query = new HashMap<>();
        query.put("limit", limit);
        query.put("cursor", cursor);
        return withQuery(event("api-orders-list"), query);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(o -> ids.add(o.path("orderId").asText()));
        return ids;
    }

    @Test
    void the_owner_sees_only_their_orders_newest_first_whole_with_history() {
        List<String> mine = ordersNewestFirst(3);

        APIGatewayProxyResponseEvent response = call(handler, list(null, null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(ids(body)).containsExactlyElementsOf(mine);
        assertThat(body.path("items").get(0).path("history").get(0).path("status").asText()).isEqualTo("PENDING");
        assertThat(body.has("nextCursor")).isFalse();
    }

    @Test
    void the_contract_event_lists_the_callers_orders() {
        List<String> mine = ordersNewestFirst(2);

        JsonNode body = json(call(handler, event("api-orders-list")));

        assertThat(ids(body)).containsExactlyElementsOf(mine);
    }

    @Test
    void someone_without_orders_gets_an_empty_last_page() {
        ordersNewestFirst(2);
        APIGatewayProxyRequestEvent stranger = withClaims(event("api-orders-list"),
                Map.of("sub", "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "email", "nobody@example.com"));

        JsonNode body = json(call(handler, stranger));

        assertThat(body.path("items").size()).isZero();
        assertThat(body.has("nextCursor")).isFalse();
    }

    @Test
    void pages_walk_every_order_once_in_order_and_the_last_has_no_cursor() {
        List<String> mine = ordersNewestFirst(7);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(call(handler, list("3", cursor)));
            assertThat(page.path("items").size()).isBetween(1, 3);
            seen.addAll(ids(page));
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(mine);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void the_default_page_is_twenty_orders() {
        ordersNewestFirst(21);

        JsonNode first = json(call(handler, list(null, null)));

        assertThat(first.path("items").size()).isEqualTo(ListMyOrdersHandler.DEFAULT_LIMIT);
        assertThat(first.has("nextCursor")).isTrue();
    }

    @Test
    void a_limit_of_one_hundred_is_accepted() {
        ordersNewestFirst(2);

        assertThat(call(handler, list("100", null)).getStatusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "", "1000000000000", " 5"})
    void a_limit_outside_1_to_100_is_a_400(String limit) {
        APIGatewayProxyResponseEvent response = call(handler, list(limit, null));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor", "%%%", "bm9wZQ", "MTIzNDU2Nzg5MA"})
    void a_garbled_cursor_is_a_400(String cursor) {
        ordersNewestFirst(2);

        APIGatewayProxyResponseEvent response = call(handler, list(null, cursor));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("cursor");
    }

    @Test
    void an_empty_or_oversized_cursor_is_a_400() {
        for (String cursor : new String[] {"", "a".repeat(513)}) {
            APIGatewayProxyResponseEvent response = call(handler, list(null, cursor));

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(errorFields(response)).containsExactly("cursor");
        }
    }

    @Test
    void another_users_cursor_is_a_400() {
        ordersNewestFirst(3);
        String othersCursor = json(call(handler, asOtherUser(list("1", null)))).path("nextCursor").asText();
        assertThat(othersCursor).isNotEmpty();

        APIGatewayProxyResponseEvent response = call(handler, list(null, othersCursor));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("cursor");
    }

    @Test
    void a_parameter_given_twice_is_a_400() {
        APIGatewayProxyRequestEvent event = list("5", null);
        event.setMultiValueQueryStringParameters(Map.of("limit", List.of("5", "50")));
        event.setQueryStringParameters(Map.of("limit", "50"));

        APIGatewayProxyResponseEvent response = call(handler, event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("limit");
    }

    @Test
    void bad_limit_and_bad_cursor_are_reported_together() {
        APIGatewayProxyResponseEvent response = call(handler, list("0", ""));

        assertThat(errorFields(response)).containsExactly("limit", "cursor");
    }

    @Test
    void missing_claims_are_a_401() {
        assertThat(call(handler, withClaims(event("api-orders-list"), null)).getStatusCode()).isEqualTo(401);
    }
}
