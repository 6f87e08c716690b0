package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.call;
import static dev.ordersprofiles.handlers.support.Api.errorFields;
import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.json;
import static dev.ordersprofiles.handlers.support.Api.withBody;
import static dev.ordersprofiles.handlers.support.Api.withClaims;
import static dev.ordersprofiles.handlers.support.Api.withHeader;
import static dev.ordersprofiles.handlers.support.Api.withPathId;
import static dev.ordersprofiles.handlers.support.Api.withoutHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.order.OrderStatus;
import dev.ordersprofiles.handlers.support.CapturedStdout;
import dev.ordersprofiles.handlers.support.World;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceOrderHandlerTest {
    private final World world = new World();
    private final PlaceOrderHandler handler = new PlaceOrderHandler(world.component);
    private final GetOrderHandler getOrder = new GetOrderHandler(world.component);

    @Test
    void the_seed_order_is_accepted_pending_with_its_location_and_goes_through_to_confirmed() {
        APIGatewayProxyResponseEvent response = call(handler, event("api-orders-post"));

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = json(response);
        String orderId = body.path("orderId").asText();
        assertThat(body.path("status").asText()).isEqualTo("PENDING");
        assertThat(response.getHeaders()).containsEntry("Location", "/orders/" + orderId);

        APIGatewayProxyResponseEvent read = call(getOrder, withPathId(event("api-orders-get"), orderId));
        assertThat(read.getStatusCode()).isEqualTo(200);
        JsonNode order = json(read);
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.path("amount").decimalValue()).isEqualByComparingTo("42.50");
        assertThat(read.getBody()).contains("\"amount\":42.50");
        assertThat(order.path("items").get(0).path("sku").asText()).isEqualTo("A-1");
        List<String> history = new ArrayList<>();
        order.path("history").forEach(h -> history.add(h.path("status").asText()));
        assertThat(history).containsExactly("PENDING", "VALIDATED", "RESERVED", "CHARGED", "CONFIRMED");
    }

    @Test
    void placing_an_order_emits_the_orders_placed_and_confirmed_metrics() {
        try (CapturedStdout out = new CapturedStdout()) {
            call(handler, event("api-orders-post"));

            List<String> metrics = out.metricLines().stream().map(m -> m.path("event").asText()).toList();
            assertThat(metrics).containsExactly("OrderPlaced", "OrderConfirmed");
            JsonNode placed = out.metricLines().get(0);
            assertThat(placed.path("OrdersPlaced").asInt()).isEqualTo(1);
            assertThat(placed.path("service").asText()).isEqualTo("orders-profiles");
            assertThat(placed.path("function").asText()).isEqualTo("orders-create");
            JsonNode directive = placed.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("OrdersProfiles");
            assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"service\",\"function\"]]");
            assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"OrdersPlaced\",\"Unit\":\"Count\"}]");
            assertThat(placed.path("_aws").path("Timestamp").asLong()).isEqualTo(world.clock.millis());
            assertThat(out.invocationLines()).hasSize(1);
        }
    }

    @Test
    void the_same_key_and_body_return_the_same_order_and_start_nothing_new() {
        try (CapturedStdout out = new CapturedStdout()) {
            APIGatewayProxyResponseEvent first = call(handler, event("api-orders-post"));
            APIGatewayProxyResponseEvent replay = call(handler, event("api-orders-post"));

            assertThat(replay.getStatusCode()).isEqualTo(202);
            assertThat(json(replay).path("orderId").asText()).isEqualTo(json(first).path("orderId").asText());
            assertThat(replay.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location"));
            assertThat(out.metricLines().stream().filter(m -> m.has("OrdersPlaced"))).hasSize(1);
        }
    }

    @Test
    void the_same_key_with_a_different_body_is_a_422() {
        call(handler, event("api-orders-post"));

        APIGatewayProxyResponseEvent reuse = call(handler,
                withBody(event("api-orders-post"), "{\"amount\":43.50,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}"));

        assertThat(reuse.getStatusCode()).isEqualTo(422);
        assertThat(json(reuse).path("type").asText()).endsWith("/idempotency-key-reused");
    }

    @Test
    void without_a_key_every_post_is_a_new_order() {
        APIGatewayProxyResponseEvent first = call(handler, withoutHeader(event("api-orders-post"), "Idempotency-Key"));
        APIGatewayProxyResponseEvent second = call(handler, withoutHeader(event("api-orders-post"), "Idempotency-Key"));

        assertThat(json(first).path("orderId").asText()).isNotEqualTo(json(second).path("orderId").asText());
    }

    @Test
    void keys_are_per_user() {
        APIGatewayProxyResponseEvent mine = call(handler, event("api-orders-post"));
        APIGatewayProxyResponseEvent theirs =
                call(handler, dev.ordersprofiles.handlers.support.Api.asOtherUser(event("api-orders-post")));

        assertThat(theirs.getStatusCode()).isEqualTo(202);
        assertThat(json(theirs).path("orderId").asText()).isNotEqualTo(json(mine).path("orderId").asText());
    }

    @Test
    void a_malformed_idempotency_key_is_a_400() {
        APIGatewayProxyResponseEvent response =
                call(handler, withHeader(event("api-orders-post"), "Idempotency-Key", "k".repeat(256)));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("Idempotency-Key");
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"amount\":\"42.50\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}      | amount",
            "{\"amount\":42.555,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}         | amount",
            "{\"amount\":0,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}              | amount",
            "{\"amount\":-1.00,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}          | amount",
            "{\"amount\":1000000.01,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}     | amount",
            "{\"amount\":true,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}           | amount",
            "{\"amount\":null,\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}           | amount",
            "{\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}                           | amount",
            "{\"amount\":42.50}                                                  | items",
            "{\"amount\":42.50,\"items\":[]}                                     | items",
            "{\"amount\":42.50,\"items\":{\"sku\":\"A-1\",\"qty\":2}}            | items",
            "{\"amount\":42.50,\"items\":[null]}                                 | items[0]",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":0}]}          | items[0].qty",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":1001}]}       | items[0].qty",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":2.5}]}        | items[0].qty",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":\"2\"}]}      | items[0].qty",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\"}]}                    | items[0].qty",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"bad sku!\",\"qty\":2}]}     | items[0].sku",
            "{\"amount\":42.50,\"items\":[{\"sku\":7,\"qty\":2}]}                | items[0].sku",
            "{\"amount\":42.50,\"items\":[{\"qty\":2}]}                          | items[0].sku",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":2,\"x\":1}]}  | items[0].x",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":2}],\"userId\":\"u\"} | userId",
    })
    void bodies_that_break_the_contract_are_400_naming_the_field(String body, String field) {
        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-orders-post"), body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":99999999999999999999}]}",
            "{\"amount\":1e400,\"items\":[{\"sku\":\"A-1\",\"qty\":1}]}",
            "{\"amount\":42.50,\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":1}]}",
            "{\"amount\":42.50,\"items\":[{\"sku\":\"A-1\",\"qty\":1}]}]",
            "{\"amount\":NaN,\"items\":[{\"sku\":\"A-1\",\"qty\":1}]}",
    })
    void numbers_out_of_any_range_duplicate_keys_and_trailing_data_are_400_not_500(String body) {
        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-orders-post"), body));

        assertThat(response.getStatusCode()).isEqualTo(400);
    }

    @Test
    void every_offending_field_is_named_at_once() {
        String body = "{\"amount\":0.001,\"items\":[{\"sku\":\"ok\",\"qty\":0},{\"sku\":\"no way\",\"qty\":1}]}";

        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-orders-post"), body));

        assertThat(errorFields(response)).containsExactly("amount", "items[0].qty", "items[1].sku");
    }

    @Test
    void more_than_100_lines_are_a_400() {
        String lines = IntStream.range(0, 101).mapToObj(i -> "{\"sku\":\"S-" + i + "\",\"qty\":1}")
                .collect(Collectors.joining(","));

        APIGatewayProxyResponseEvent response =
                call(handler, withBody(event("api-orders-post"), "{\"amount\":1.00,\"items\":[" + lines + "]}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly("items");
    }

    @Test
    void the_upper_bounds_are_accepted() {
        String lines = IntStream.range(0, 100).mapToObj(i -> "{\"sku\":\"S-" + i + "\",\"qty\":1000}")
                .collect(Collectors.joining(","));

        APIGatewayProxyResponseEvent response = call(handler,
                withBody(event("api-orders-post"), "{\"amount\":1000000.00,\"items\":[" + lines + "]}"));

        assertThat(response.getStatusCode()).isEqualTo(202);
    }

    @Test
    void a_body_above_64_KiB_is_a_413() {
        String lines = IntStream.range(0, 3000).mapToObj(i -> "{\"sku\":\"SKU-" + i + "\",\"qty\":1}")
                .collect(Collectors.joining(","));

        APIGatewayProxyResponseEvent response =
                call(handler, withBody(event("api-orders-post"), "{\"amount\":1.00,\"items\":[" + lines + "]}"));

        assertThat(response.getStatusCode()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {";", ";;;", " ;charset=utf-8"})
    void an_empty_media_type_is_a_415_problem(String contentType) {
        APIGatewayProxyResponseEvent response = call(handler, withHeader(event("api-orders-post"), "Content-Type",
                contentType));

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+2147483648", "1e-2147483648", "1E+2147483647", "1e-2147483647", "-1E+99999999999",
            "1E+1001", "1e-1001"})
    void an_amount_whose_exponent_is_out_of_range_is_a_400_on_the_amount(String amount) {
        APIGatewayProxyResponseEvent response = call(handler, withBody(event("api-orders-post"),
                "{\"amount\":" + amount + ",\"items\":[{\"sku\":\"A-1\",\"qty\":1}]}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(errorFields(response)).contains("amount");
    }

    @Test
    void a_form_body_is_a_415() {
        APIGatewayProxyRequestEvent event = withHeader(
                withBody(event("api-orders-post"), "amount=42.50"), "Content-Type", "application/x-www-form-urlencoded");

        assertThat(call(handler, event).getStatusCode()).isEqualTo(415);
    }

    @Test
    void missing_claims_are_a_401() {
        assertThat(call(handler, withClaims(event("api-orders-post"), null)).getStatusCode()).isEqualTo(401);
    }

    @Test
    void an_out_of_stock_order_is_accepted_and_then_fails_with_reason_OutOfStock() {
        APIGatewayProxyResponseEvent response = call(handler, withoutHeader(withBody(
                event("api-orders-post"), "{\"amount\":10.00,\"items\":[{\"sku\":\"SOLDOUT-1\",\"qty\":1}]}"),
                "Idempotency-Key"));

        assertThat(response.getStatusCode()).isEqualTo(202);
        OrderId id = OrderId.of(json(response).path("orderId").asText());
        assertThat(world.stored(id).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(world.stored(id).failureReason()).contains("OutOfStock");
    }

    @Test
    void a_declined_payment_fails_the_order_with_reason_PaymentDeclined() {
        APIGatewayProxyResponseEvent response = call(handler, withoutHeader(withBody(
                event("api-orders-post"), "{\"amount\":6000.00,\"items\":[{\"sku\":\"A-1\",\"qty\":1}]}"),
                "Idempotency-Key"));

        assertThat(response.getStatusCode()).isEqualTo(202);
        OrderId id = OrderId.of(json(response).path("orderId").asText());
        assertThat(world.stored(id).status()).isEqualTo(OrderStatus.FAILED);
        JsonNode order = json(call(getOrder, withPathId(event("api-orders-get"), id.value())));
        assertThat(order.path("failureReason").asText()).isEqualTo("PaymentDeclined");
        assertThat(order.path("history").get(order.path("history").size() - 1).path("reason").asText())
                .isEqualTo("PaymentDeclined");
    }

    @Test
    void a_dependency_outage_is_a_503_with_retry_after_and_no_details() {
        PlaceOrderHandler outage = new PlaceOrderHandler(FailingComponent.withPlaceOrder(command -> {
            throw new dev.ordersprofiles.application.shared.DependencyUnavailable(
                    "DynamoDB PutItem still failing after 4 attempts: ThrottlingException at secret-host", null);
        }));
        try (CapturedStdout out = new CapturedStdout()) {
            APIGatewayProxyResponseEvent response = call(outage, event("api-orders-post"));

            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders()).containsEntry("Retry-After", "2")
                    .containsEntry("Content-Type", "application/problem+json");
            assertThat(response.getBody()).contains("service-unavailable").doesNotContain("secret-host")
                    .doesNotContain("Throttling");
            JsonNode line = out.invocationLines().get(0);
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("status").asInt()).isEqualTo(503);
            assertThat(line.path("error").asText()).isEqualTo("dev.ordersprofiles.application.shared.DependencyUnavailable");
        }
    }

    @Test
    void an_unexpected_error_is_a_generic_500_and_the_error_is_logged_with_the_request_id() {
        PlaceOrderHandler broken = new PlaceOrderHandler(FailingComponent.withPlaceOrder(command -> {
            throw new IllegalStateException("connection to secret-host:5432 refused");
        }));
        try (CapturedStdout out = new CapturedStdout()) {
            APIGatewayProxyResponseEvent response = call(broken, event("api-orders-post"));

            assertThat(response.getStatusCode()).isEqualTo(500);
            assertThat(response.getBody()).doesNotContain("secret-host").doesNotContain("IllegalState");
            JsonNode line = out.invocationLines().get(0);
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.path("status").asInt()).isEqualTo(500);
            assertThat(line.path("requestId").asText()).isNotBlank();
            assertThat(line.path("error").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(line.path("stackTrace").asText()).contains("PlaceOrderHandlerTest");
            assertThat(out.lines()).hasSize(1);
        }
    }
}
