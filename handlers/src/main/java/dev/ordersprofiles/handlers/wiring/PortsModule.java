package dev.ordersprofiles.handlers.wiring;

import dagger.Module;
import dagger.Provides;
import dev.ordersprofiles.adapters.aws.AwsAdapters;
import dev.ordersprofiles.adapters.aws.AwsSettings;
import dev.ordersprofiles.adapters.aws.dynamodb.TableNames;
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
import dev.ordersprofiles.application.order.MarkOrderNeedsAttention;
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
import java.util.Optional;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * Chooses the adapter behind every driven port from the configuration: on the AWS adapters (the default) the
 * DynamoDB repositories and the Step Functions workflow of adapters-aws; with
 * {@code ORDERS_PROFILES_ADAPTERS=in-memory} the in-memory ones and the in-process workflow. Inventory, Payments
 * and Ids are simulated in both worlds.
 */
@Module
final class PortsModule {
    private PortsModule() {
    }

    /**
     * The AWS adapters, unless the in-memory ones are chosen; each client is built on first use, so a function
     * pays for a client only when it first touches DynamoDB or Step Functions.
     */
    @Provides
    @Singleton
    static Optional<AwsAdapters> aws(HandlerConfig config) {
        if (!config.usesAws()) {
            return Optional.empty();
        }
        config.requireComplete();
        AwsSettings settings = new AwsSettings(config.awsRegion().orElseThrow(),
                new TableNames(config.ordersTable().orElseThrow(), config.profilesTable().orElseThrow(),
                        config.idempotencyTable().orElseThrow()),
                config.stateMachineArn(),
                config.dynamodbEndpoint(),
                config.stepFunctionsEndpoint(),
                config.pendingIndexShards(),
                config.orderRetention(),
                config.orderStuckAfter());
        return Optional.of(AwsAdapters.fromSettings(settings, InvocationCallContext.ofThisProcess()));
    }

    @Provides
    @Singleton
    static OrderRepository orders(HandlerConfig config, Optional<AwsAdapters> aws) {
        return aws.map(AwsAdapters::orderRepository)
                .orElseGet(() -> new InMemoryOrderRepository(config.orderStuckAfter()));
    }

    @Provides
    @Singleton
    static ProfileRepository profiles(Optional<AwsAdapters> aws) {
        return aws.map(AwsAdapters::profileRepository).orElseGet(InMemoryProfileRepository::new);
    }

    @Provides
    @Singleton
    static IdempotencyStore idempotency(Optional<AwsAdapters> aws, Clock clock) {
        return aws.map(AwsAdapters::idempotencyStore).orElseGet(() -> new InMemoryIdempotencyStore(clock));
    }

    /**
     * On the AWS adapters Step Functions runs the workflow, and STATE_MACHINE_ARN must be set (the init of the
     * one function that starts executions fails without it); in memory the steps run in this process
     * synchronously, with the state machine's compensations.
     */
    @Provides
    @Singleton
    static OrderWorkflow workflow(HandlerConfig config, Optional<AwsAdapters> aws, Provider<ValidateOrder> validate,
                                  Provider<ReserveInventory> reserve, Provider<ChargePayment> charge,
                                  Provider<ConfirmOrder> confirm, Provider<ReleaseInventory> release,
                                  Provider<RefundPayment> refund, Provider<MarkOrderFailed> markFailed,
                                  Provider<MarkOrderNeedsAttention> markNeedsAttention) {
        if (aws.isPresent()) {
            config.requireStateMachineArn();
            return aws.get().orderWorkflow();
        }
        return new InProcessOrderWorkflow(new InProcessOrderWorkflow.Steps(validate.get(), reserve.get(),
                charge.get(), confirm.get(), release.get(), refund.get(), markFailed.get(), markNeedsAttention.get()),
                Runnable::run);
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
}
