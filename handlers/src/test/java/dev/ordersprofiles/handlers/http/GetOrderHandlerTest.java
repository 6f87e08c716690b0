package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.asOtherUser;
import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.errorFields;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.json;
import static dev.ordersprofiles.handlers.support.Api.withClaims;
import static dev.ordersprofiles.handlers.support.Api.withPathId;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.handlers.support.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetOrderHandlerTest {
    private final World world = new World();
    private final GetOrderHandler handler = new GetOrderHandler(world.component);

    @Test
    void the_owner_reads_a_pending_order_with_its_history() {
        Order order = world.pendingOrder("42.50", "A-1", 2);

        APIGatewayProxyResponseEvent response = call(handler, withPathId(event("api-orders-get"), order.id().value()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("orderId").asText()).isEqualTo(order.id().value());
        assertThat(body.path("status").asText()).isEqualTo("PENDING");
        assertThat(body.path("history").get(0).path("at").asText()).isEqualTo("2026-11-27T08:00:00.000Z");
        assertThat(body.has("failureReason")).isFalse();
    }

    @Test
    void the_contract_event_for_an_unknown_order_is_a_404() {
        assertThat(call(handler, event("api-orders-get")).getStatusCode()).isEqualTo(404);
    }

    @Test
    void someone_elses_order_answers_exactly_like_a_missing_one() {
        Order order = world.pendingOrder("42.50", "A-1", 2);

        APIGatewayProxyResponseEvent foreign =
                call(handler, asOtherUser(withPathId(event("api-orders-get"), order.id().value())));
        APIGatewayProxyResponseEvent missing = call(handler, asOtherUser(event("api-orders-get")));

        assertThat(foreign.getStatusCode()).isEqualTo(404);
        assertThat(foreign.getBody()).isEqualTo(missing.getBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "0B7C6A2E-3D41-4F8A-9E5B-7C2D1F0A3B4C", "1"})
    void an_id_that_is_not_a_lowercase_uuid_is_a_400(String id) {
        APIGatewayProxyResponseEvent response = call(handler, withPathId(event("api-orders-get"), id));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("id");
    }

    @Test
    void missing_claims_are_a_401() {
        assertThat(call(handler, withClaims(event("api-orders-get"), null)).getStatusCode()).isEqualTo(401);
    }
}
