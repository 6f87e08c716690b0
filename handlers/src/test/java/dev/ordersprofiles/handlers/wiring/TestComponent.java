package dev.ordersprofiles.handlers.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.ProfileRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Singleton;

/** The production graph (same modules) plus access to the stores, so tests can arrange and inspect state. */
@Singleton
@Component(modules = {UseCaseModule.class, PortsModule.class})
public interface TestComponent extends OrdersComponent {
    OrderRepository orderRepository();

    ProfileRepository profileRepository();

    @Component.Factory
    interface Maker {
        TestComponent create(@BindsInstance HandlerConfig config, @BindsInstance Clock clock);
    }

    /** The in-memory world ({@code ORDERS_PROFILES_ADAPTERS=in-memory}) with {@code env}'s other settings. */
    static TestComponent create(Map<String, String> env, Clock clock) {
        Map<String, String> inMemory = new HashMap<>(env);
        inMemory.put(HandlerConfig.ADAPTERS_VARIABLE, HandlerConfig.Adapters.IN_MEMORY.value());
        return DaggerTestComponent.factory().create(HandlerConfig.from(inMemory), clock);
    }
}
