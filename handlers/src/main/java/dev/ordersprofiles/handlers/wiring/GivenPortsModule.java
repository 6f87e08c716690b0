package dev.ordersprofiles.handlers.wiring;

import dev.ordersprofiles.adapters.aws.AwsAdapters;
import java.util.Optional;
import dagger.Module;
import dagger.Provides;
import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.Ids;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.application.port.ProfileRepository;

/** Binds every driven port to the caller's {@link Ports}. */
@Module
final class GivenPortsModule {
    private GivenPortsModule() {
    }

    /** The caller's ports are no AWS adapters of this component's making. */
    @Provides
    static Optional<AwsAdapters> aws() {
        return Optional.empty();
    }

    @Provides
    static OrderRepository orders(Ports ports) {
        return ports.orders();
    }

    @Provides
    static ProfileRepository profiles(Ports ports) {
        return ports.profiles();
    }

    @Provides
    static IdempotencyStore idempotency(Ports ports) {
        return ports.idempotency();
    }

    @Provides
    static OrderWorkflow workflow(Ports ports) {
        return ports.workflow();
    }

    @Provides
    static Inventory inventory(Ports ports) {
        return ports.inventory();
    }

    @Provides
    static Payments payments(Ports ports) {
        return ports.payments();
    }

    @Provides
    static Ids ids(Ports ports) {
        return ports.ids();
    }
}
