package dev.ordersprofiles.handlers.wiring;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;

/** The use cases over ports the caller supplies (see {@link Components#withPorts}). */
@Singleton
@Component(modules = {UseCaseModule.class, GivenPortsModule.class})
interface GivenPortsComponent extends OrdersComponent {

    @Component.Factory
    interface Maker {
        GivenPortsComponent create(@BindsInstance HandlerConfig config, @BindsInstance Clock clock,
                                   @BindsInstance Ports ports);
    }
}
