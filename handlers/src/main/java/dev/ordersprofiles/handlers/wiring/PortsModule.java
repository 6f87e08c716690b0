package dev.ordersprofiles.handlers.wiring;

import dagger.Module;
import dagger.Provides;
import dev.ordersprofiles.adapters.inmemory.InMemoryIdempotencyStore;
import dev.ordersprofiles.adapters.inmemory.InMemoryOrderRepository;
import dev.ordersprofiles.adapters.inmemory.InMemoryProfileRepository;
import dev.ordersprofiles.adapters.inmemory.InProcessOrderWorkflow;
import dev.ordersprofiles.adapters.inmemory.SimulatedInventory;
import dev.ordersprofiles.adapters.inmemory.SimulatedPayments;
import dev.ordersprofiles.adapters.inmemory.UuidIds;
import dev.ordersprofiles.application.order.ChargePayment;
import dev.ordersprofiles.application.order.ConfirmOrder;
import dev.ordersprofiles.application.order.MarkOrderFailed;
import dev.ordersprofiles.application.order.RefundPayment;
import dev.ordersprofiles.application.order.ReleaseInventory;
import dev.ordersprofiles.application.order.ReserveInventory;
import dev.ordersprofiles.application.order.ValidateOrder;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.Ids;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.application.port.ProfileRepository;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * Chooses the adapter behind every driven port from the configuration.
 *
 * <p>AWS_ADAPTERS_GO_HERE: when {@link HandlerConfig#usesDynamoDb()} (ORDERS_TABLE set) the DynamoDB repositories
 * and, with STATE_MACHINE_ARN, the Step Functions workflow come from the adapters-aws factory; that module is
 * not wired into this build yet, so asking for it fails at init instead of silently running in memory. Inventory,
 * Payments and Ids stay simulated in both worlds.
 */
@Module
final class PortsModule {
    private PortsModule() {
    }

    @Provides
    @Singleton
    static OrderRepository orders(HandlerConfig config) {
        requireInMemory(config);
        return new InMemoryOrderRepository();
    }

    @Provides
    @Singleton
    static ProfileRepository profiles(HandlerConfig config) {
        requireInMemory(config);
        return new InMemoryProfileRepository();
    }

    @Provides
    @Singleton
    static IdempotencyStore idempotency(HandlerConfig config, Clock clock) {
        requireInMemory(config);
        return new InMemoryIdempotencyStore(clock);
    }

    /** The in-process workflow runs the step use cases synchronously, with the state machine's compensations. */
    @Provides
    @Singleton
    static OrderWorkflow workflow(HandlerConfig config, ValidateOrder validate, ReserveInventory reserve,
                                  ChargePayment charge, ConfirmOrder confirm, ReleaseInventory release,
                                  RefundPayment refund, MarkOrderFailed markFailed) {
        if (config.stateMachineArn().isPresent()) {
            throw notWired("STATE_MACHINE_ARN");
        }
        return new InProcessOrderWorkflow(new InProcessOrderWorkflow.Steps(validate, reserve, charge, confirm,
                release, refund, markFailed), Runnable::run);
    }

    @Provides
    @Singleton
    static Inventory inventory(HandlerConfig config) {
        return SimulatedInventory.fromConfig(config.simStock());
    }

    @Provides
    @Singleton
    static Payments payments(HandlerConfig config) {
        return SimulatedPayments.fromConfig(config.simDeclineAbove());
    }

    @Provides
    @Singleton
    static Ids ids() {
        return new UuidIds();
    }

    private static void requireInMemory(HandlerConfig config) {
        if (config.usesDynamoDb()) {
            throw notWired("ORDERS_TABLE");
        }
    }

    private static IllegalStateException notWired(String variable) {
        return new IllegalStateException(variable + " is set but the AWS adapters are not wired into this build");
    }
}
