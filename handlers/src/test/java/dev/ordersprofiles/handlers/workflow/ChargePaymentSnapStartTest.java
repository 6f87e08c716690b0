package dev.ordersprofiles.handlers.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.handlers.support.World;
import dev.ordersprofiles.handlers.wiring.Components;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import dev.ordersprofiles.handlers.wiring.SnapStartPriming;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hooks of charge-payment, called directly: on a JVM without CRaC, org.crac's global context never
 * calls them (so neither does Lambda outside SnapStart, nor any test that only constructs the handler).
 */
class ChargePaymentSnapStartTest {

    @Test
    void priming_runs_the_handler_through_our_aws_client_and_a_tls_handshake_without_touching_anything_real() {
        World world = new World();
        ChargePaymentSnapStart hooks = new ChargePaymentSnapStart(world.component);

        hooks.beforeCheckpoint(null);

        ChargePaymentSnapStart.Outcome outcome = hooks.primed();
        assertThat(outcome).isNotNull();
        // The synthetic invocation reached the DynamoDB adapter on the closed loopback port and failed there: the
        // one failure that proves it went through the client and sent nothing anywhere.
        assertThat(outcome.invocationFailure()).isEqualTo("DependencyUnavailable");
        // Both in-memory engines finished a handshake and exchanged a record.
        assertThat(outcome.tlsProtocol()).startsWith("TLSv1.");
    }

    @Test
    void priming_leaves_no_state_behind_in_the_function_s_own_component_nor_on_stdout() {
        World world = new World();
        Order pending = world.pendingOrder("12.50", "SKU-1", 1);
        PrintStream stdout = System.out;
        ChargePaymentSnapStart hooks = new ChargePaymentSnapStart(world.component);

        hooks.beforeCheckpoint(null);

        assertThat(System.out).as("stdout restored").isSameAs(stdout);
        OrderId synthetic = OrderId.of(java.util.UUID.fromString("00000000-0000-4000-8000-000000000000"));
        assertThat(world.component.orderRepository().find(synthetic)).as("no order written").isEmpty();
        assertThat(world.stored(pending.id())).as("the function's store untouched").isEqualTo(pending);
    }

    @Test
    void the_priming_component_is_a_private_world_over_a_closed_endpoint() {
        World world = new World();
        OrdersComponent priming = SnapStartPriming.primingComponent(world.component.config());

        assertThat(priming).isNotSameAs(world.component);
        assertThat(priming.awsAdapters()).as("never the function's own AWS adapters").isEmpty();
    }

    @Test
    void after_restore_on_the_aws_adapters_sends_nothing() throws Exception {
        try (java.net.ServerSocket dynamodb = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            OrdersComponent deployed = Components.create(HandlerConfig.from(Map.of("ORDERS_TABLE", "orders",
                    "PROFILES_TABLE", "profiles", "IDEMPOTENCY_TABLE", "idempotency", "AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamodb.getLocalPort())), Clock.systemUTC());
            assertThat(deployed.awsAdapters()).isPresent();
            deployed.awsAdapters().get().dynamoDb(); // a built client, so that its caches are refreshed too
            ChargePaymentSnapStart hooks = new ChargePaymentSnapStart(deployed);

            hooks.afterRestore(null);
            hooks.afterRestore(null); // a second restore is as harmless

            dynamodb.setSoTimeout(300);
            assertThatThrownBy(dynamodb::accept).as("no connection to DynamoDB")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void after_restore_on_the_in_memory_adapters_has_nothing_to_refresh() {
        World world = new World();
        Order pending = world.pendingOrder("12.50", "SKU-1", 1);

        new ChargePaymentSnapStart(world.component).afterRestore(null);

        assertThat(world.stored(pending.id())).isEqualTo(pending);
    }

    @Test
    void the_lambda_constructor_registers_the_hooks_without_running_them() {
        PrintStream stdout = System.out;
        ChargePaymentHandler handler = new ChargePaymentHandler();

        assertThat(handler).isNotNull();
        assertThat(System.out).isSameAs(stdout);
    }
}
