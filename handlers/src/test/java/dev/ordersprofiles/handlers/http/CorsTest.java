package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.withClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.handlers.support.World;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Actual responses (successes and errors alike) name the docs origin, as a proxy integration must. */
class CorsTest {
    private static final String DOCS = "https://d111111abcdef8.cloudfront.net";
    private final World world = new World(Map.of("CORS_ALLOW_ORIGIN", DOCS));

    @Test
    void every_api_handler_names_the_configured_origin_on_success_and_on_error() {
        List<APIGatewayProxyResponseEvent> responses = List.of(
                call(new HealthHandler(world.component), event("api-health-get")),
                call(new ListMyOrdersHandler(world.component), event("api-orders-list")),
                call(new GetOrderHandler(world.component), event("api-orders-get")),
                call(new PlaceOrderHandler(world.component), event("api-orders-post")),
                call(new UpsertProfileHandler(world.component), event("api-profiles-post")),
                call(new GetProfileHandler(world.component), withClaims(event("api-profiles-get"), null)));

        assertThat(responses).extracting(APIGatewayProxyResponseEvent::getStatusCode)
                .containsExactly(200, 200, 404, 202, 201, 401);
        for (APIGatewayProxyResponseEvent response : responses) {
            assertThat(response.getHeaders())
                    .containsEntry("Access-Control-Allow-Origin", DOCS)
                    .containsEntry("Access-Control-Expose-Headers", "Location")
                    .containsEntry("Vary", "Origin");
        }
    }

    @Test
    void without_a_configured_origin_no_cors_header_is_sent() {
        APIGatewayProxyResponseEvent response =
                call(new ListMyOrdersHandler(new World().component), event("api-orders-list"));

        assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void the_location_of_an_accepted_order_survives_the_cors_headers() {
        APIGatewayProxyResponseEvent response = call(new PlaceOrderHandler(world.component), event("api-orders-post"));

        assertThat(response.getHeaders().get("Location")).startsWith("/orders/");
    }
}
