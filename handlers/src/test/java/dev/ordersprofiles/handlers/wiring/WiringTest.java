package dev.ordersprofiles.handlers.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WiringTest {
    private static final Map<String, String> DEPLOYED = Map.of("ORDERS_TABLE", "orders", "PROFILES_TABLE",
            "profiles", "IDEMPOTENCY_TABLE", "idempotency", "AWS_REGION", "us-east-1");

    @Test
    void an_empty_environment_gives_the_documented_defaults_on_the_aws_adapters() {
        HandlerConfig config = HandlerConfig.from(Map.of());

        assertThat(config.usesAws()).isTrue();
        assertThat(config.pendingOrderTimeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.orderRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.pendingIndexShards()).isEqualTo(8);
        assertThat(config.orderStuckAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(config.simDeclineAbove()).isEqualTo("5000.00");
        assertThat(config.metricsNamespace()).isEqualTo("OrdersProfiles");
    }

    @Test
    void the_environment_overrides_the_defaults() {
        HandlerConfig config = HandlerConfig.from(Map.of("ORDERS_TABLE", "orders", "PENDING_ORDER_TIMEOUT_SECONDS",
                "60", "PENDING_INDEX_SHARDS", "4", "METRICS_NAMESPACE", "X", "STATE_MACHINE_ARN", "arn:sm",
                "ORDER_STUCK_AFTER_SECONDS", "600"));

        assertThat(config.usesAws()).isTrue();
        assertThat(config.ordersTable()).contains("orders");
        assertThat(config.stateMachineArn()).contains("arn:sm");
        assertThat(config.pendingOrderTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.pendingIndexShards()).isEqualTo(4);
        assertThat(config.orderStuckAfter()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_malformed_number_fails_at_init_naming_the_variable() {
        assertThatThrownBy(() -> HandlerConfig.from(Map.of("ORDER_RETENTION_DAYS", "thirty")))
                .hasMessageContaining("ORDER_RETENTION_DAYS");
    }

    @Test
    void one_component_builds_every_use_case_once() {
        OrdersComponent component = Components.create(HandlerConfig.inMemory(), Clock.systemUTC());

        assertThat(component.placeOrder()).isSameAs(component.placeOrder());
        assertThat(component.validateOrder()).isNotNull();
        assertThat(component.welcomeNewProfile()).isNotNull();
        assertThat(component.reconcileOrders()).isSameAs(component.reconcileOrders());
    }

    @Test
    void table_names_select_the_dynamodb_adapters_never_a_silent_in_memory_store() {
        OrdersComponent component = Components.create(HandlerConfig.from(Map.of("ORDERS_TABLE", "orders",
                "PROFILES_TABLE", "profiles", "IDEMPOTENCY_TABLE", "idempotency", "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")), Clock.systemUTC());
        var query = new dev.ordersprofiles.application.order.GetOrderQuery(
                dev.ordersprofiles.domain.shared.UserId.of("u-1"),
                dev.ordersprofiles.domain.order.OrderId.of(java.util.UUID.randomUUID()));

        // In memory this would be OrderNotFound; the DynamoDB adapter has no credentials or server to reach.
        assertThatThrownBy(() -> component.getOrder().get(query))
                .isNotInstanceOf(dev.ordersprofiles.application.order.OrderNotFound.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ORDERS_TABLE", "PROFILES_TABLE", "IDEMPOTENCY_TABLE", "AWS_REGION"})
    void a_deployed_function_missing_a_variable_refuses_to_start_naming_it(String missing) {
        Map<String, String> env = new HashMap<>(DEPLOYED);
        env.remove(missing);

        assertThatThrownBy(() -> Components.create(HandlerConfig.from(env), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(missing + " is not set")
                .hasMessageContaining("ORDERS_PROFILES_ADAPTERS=in-memory");
        env.put(missing, " ");
        assertThatThrownBy(() -> Components.create(HandlerConfig.from(env), Clock.systemUTC()))
                .hasMessageStartingWith(missing + " is not set");
    }

    @Test
    void an_empty_environment_is_not_a_silent_in_memory_world() {
        assertThatThrownBy(() -> Components.create(HandlerConfig.from(Map.of()), Clock.systemUTC()))
                .hasMessageStartingWith("ORDERS_TABLE is not set");
    }

    @Test
    void the_function_that_starts_executions_refuses_to_start_without_the_state_machine() {
        OrdersComponent component = Components.create(HandlerConfig.from(DEPLOYED), Clock.systemUTC());

        assertThatThrownBy(component::placeOrder).hasMessageStartingWith("STATE_MACHINE_ARN is not set");
        assertThatThrownBy(() -> new dev.ordersprofiles.handlers.http.PlaceOrderHandler(component))
                .hasMessageStartingWith("STATE_MACHINE_ARN is not set");
        // The functions that never start an execution do not need it.
        assertThat(component.getOrder()).isNotNull();
        assertThat(component.welcomeNewProfile()).isNotNull();
    }

    @Test
    void the_state_machine_is_the_aws_workflow_when_configured() {
        Map<String, String> env = new HashMap<>(DEPLOYED);
        env.put("STATE_MACHINE_ARN", "arn:aws:states:us-east-1:123456789012:stateMachine:PlaceOrder");

        assertThat(Components.create(HandlerConfig.from(env), Clock.systemUTC()).placeOrder()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "inmemory", "dynamodb", "AWS "})
    void the_adapters_switch_takes_only_its_two_values(String value) {
        if (value.strip().equalsIgnoreCase("aws")) {
            assertThat(HandlerConfig.from(Map.of("ORDERS_PROFILES_ADAPTERS", value)).usesAws()).isTrue();
            return;
        }
        assertThatThrownBy(() -> HandlerConfig.from(Map.of("ORDERS_PROFILES_ADAPTERS", value)))
                .hasMessageContaining("ORDERS_PROFILES_ADAPTERS");
    }

    @Test
    void only_the_explicit_switch_chooses_the_in_memory_world() {
        HandlerConfig config = HandlerConfig.from(Map.of("ORDERS_PROFILES_ADAPTERS", "in-memory"));
        OrdersComponent component = Components.create(config, Clock.systemUTC());
        var query = new dev.ordersprofiles.application.order.GetOrderQuery(
                dev.ordersprofiles.domain.shared.UserId.of("u-1"),
                dev.ordersprofiles.domain.order.OrderId.of(java.util.UUID.randomUUID()));

        assertThat(config.usesAws()).isFalse();
        assertThatThrownBy(() -> component.getOrder().get(query))
                .isInstanceOf(dev.ordersprofiles.application.order.OrderNotFound.class);
    }

    @Test
    void the_endpoint_variables_reach_the_config_with_the_sdk_precedence() {
        Map<String, String> env = new HashMap<>(DEPLOYED);
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:7");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8");
        HandlerConfig config = HandlerConfig.from(env);

        assertThat(config.dynamodbEndpoint()).contains(java.net.URI.create("http://127.0.0.1:8"));
        assertThat(config.stepFunctionsEndpoint()).contains(java.net.URI.create("http://127.0.0.1:7"));
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:9");
        assertThat(HandlerConfig.from(env).dynamodbEndpoint()).contains(java.net.URI.create("http://127.0.0.1:8"));
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
