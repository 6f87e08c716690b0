package dev.ordersprofiles.handlers.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ordersprofiles.handlers.support.Api;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check must be able to fail, or the handler tests prove nothing. */
class ContractSelfTest {

    private static APIGatewayProxyResponseEvent response(int status, String contentType, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", contentType));
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(body);
    }

    @Test
    void a_body_outside_the_schema_is_caught() {
        assertThatThrownBy(() -> Api.assertMatchesContract(Api.event("api-health-get"),
                response(200, "application/json", "{\"ok\":true,\"service\":\"serverless-api\",\"extra\":1}")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void a_status_the_route_does_not_document_is_caught() {
        assertThatThrownBy(() -> Api.assertMatchesContract(Api.event("api-profiles-get"),
                response(422, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"x\",\"status\":422}")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void an_accepted_order_without_location_is_caught() {
        assertThatThrownBy(() -> Api.assertMatchesContract(Api.event("api-orders-post"),
                response(202, "application/json",
                        "{\"orderId\":\"0b7c6a2e-3d41-4f8a-9e5b-7c2d1f0a3b4c\",\"status\":\"PENDING\"}")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void an_amount_with_three_decimals_is_caught() {
        String order = "{\"orderId\":\"0b7c6a2e-3d41-4f8a-9e5b-7c2d1f0a3b4c\",\"status\":\"PENDING\",\"amount\":1.005,"
                + "\"items\":[{\"sku\":\"A-1\",\"qty\":1}],\"history\":[{\"status\":\"PENDING\","
                + "\"at\":\"2026-11-27T08:00:00.000Z\"}],\"createdAt\":\"2026-11-27T08:00:00.000Z\","
                + "\"updatedAt\":\"2026-11-27T08:00:00.000Z\"}";
        assertThatThrownBy(() -> Api.assertMatchesContract(Api.event("api-orders-get"),
                response(200, "application/json", order))).isInstanceOf(AssertionError.class);
    }
}
