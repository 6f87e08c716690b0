package dev.ordersprofiles.handlers.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringTest {

    @Test
    void an_empty_environment_gives_the_documented_defaults_and_the_in_memory_world() {
        HandlerConfig config = HandlerConfig.from(Map.of());

        assertThat(config.usesDynamoDb()).isFalse();
        assertThat(config.pendingOrderTimeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.orderRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.pendingIndexShards()).isEqualTo(8);
        assertThat(config.simDeclineAbove()).isEqualTo("5000.00");
        assertThat(config.metricsNamespace()).isEqualTo("OrdersProfiles");
    }

    @Test
    void the_environment_overrides_the_defaults() {
        HandlerConfig config = HandlerConfig.from(Map.of("ORDERS_TABLE", "orders", "PENDING_ORDER_TIMEOUT_SECONDS",
                "60", "PENDING_INDEX_SHARDS", "4", "METRICS_NAMESPACE", "X", "STATE_MACHINE_ARN", "arn:sm"));

        assertThat(config.usesDynamoDb()).isTrue();
        assertThat(config.ordersTable()).contains("orders");
        assertThat(config.stateMachineArn()).contains("arn:sm");
        assertThat(config.pendingOrderTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.pendingIndexShards()).isEqualTo(4);
    }

    @Test
    void a_malformed_number_fails_at_init_naming_the_variable() {
        assertThatThrownBy(() -> HandlerConfig.from(Map.of("ORDER_RETENTION_DAYS", "thirty")))
                .hasMessageContaining("ORDER_RETENTION_DAYS");
    }

    @Test
    void one_component_builds_every_use_case_once() {
        OrdersComponent component = Components.create(HandlerConfig.from(Map.of()), Clock.systemUTC());

        assertThat(component.placeOrder()).isSameAs(component.placeOrder());
        assertThat(component.validateOrder()).isNotNull();
        assertThat(component.welcomeNewProfile()).isNotNull();
        assertThat(component.expireStaleOrders()).isNotNull();
    }

    @Test
    void table_names_select_the_dynamodb_adapters_never_a_silent_in_memory_store() {
        OrdersComponent component = Components.create(HandlerConfig.from(Map.of("ORDERS_TABLE", "orders",
                "PROFILES_TABLE", "profiles", "IDEMPOTENCY_TABLE", "idempotency", "AWS_REGION", "us-east-1",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:9")), Clock.systemUTC());
        var query = new dev.ordersprofiles.application.order.GetOrderQuery(
                dev.ordersprofiles.domain.shared.UserId.of("u-1"),
                dev.ordersprofiles.domain.order.OrderId.of(java.util.UUID.randomUUID()));

        // In memory this would be OrderNotFound; the DynamoDB adapter has no credentials or server to reach.
        assertThatThrownBy(() -> component.getOrder().get(query))
                .isNotInstanceOf(dev.ordersprofiles.application.order.OrderNotFound.class);
    }

    @Test
    void table_names_without_a_region_fail_at_init_naming_it() {
        OrdersComponent component =
                Components.create(HandlerConfig.from(Map.of("ORDERS_TABLE", "orders")), Clock.systemUTC());

        assertThatThrownBy(component::getOrder).hasMessageContaining("AWS_REGION");
    }

    @Test
    void the_process_component_is_shared_by_every_no_arg_handler() {
        assertThat(Components.fromEnvironment()).isSameAs(Components.fromEnvironment());
    }

    @Test
    void a_component_over_given_ports_uses_exactly_those_ports() {
        var orders = new dev.ordersprofiles.adapters.inmemory.InMemoryOrderRepository();
        java.util.List<dev.ordersprofiles.domain.order.OrderId> started = new java.util.ArrayList<>();
        Ports ports = new Ports(orders, new dev.ordersprofiles.adapters.inmemory.InMemoryProfileRepository(),
                new dev.ordersprofiles.adapters.inmemory.InMemoryIdempotencyStore(Clock.systemUTC()), started::add,
                dev.ordersprofiles.adapters.inmemory.SimulatedInventory.fromConfig(""),
                dev.ordersprofiles.adapters.inmemory.SimulatedPayments.fromConfig("5000.00"),
                new dev.ordersprofiles.adapters.inmemory.UuidIds());
        OrdersComponent component = Components.withPorts(HandlerConfig.from(Map.of()), Clock.systemUTC(), ports);

        var order = component.placeOrder().place(new dev.ordersprofiles.application.order.PlaceOrderCommand(
                dev.ordersprofiles.domain.shared.UserId.of("u-1"),
                dev.ordersprofiles.domain.shared.Money.of("42.50"),
                java.util.List.of(dev.ordersprofiles.domain.order.LineItem.of("A-1", 2)), java.util.Optional.empty()));

        assertThat(started).containsExactly(order.id());
        assertThat(orders.find(order.id())).isPresent();
    }
}
