package dev.ordersprofiles.handlers.http;

import dev.ordersprofiles.application.order.PlaceOrder;
import dev.ordersprofiles.handlers.wiring.HandlerConfig;
import dev.ordersprofiles.handlers.wiring.OrdersComponent;
import java.lang.reflect.Proxy;

/** A component whose PlaceOrder is a given stub (for the 500 path) with the default configuration; every other use case is absent. */
final class FailingComponent {
    private FailingComponent() {
    }

    static OrdersComponent withPlaceOrder(PlaceOrder placeOrder) {
        return (OrdersComponent) Proxy.newProxyInstance(OrdersComponent.class.getClassLoader(),
                new Class<?>[] {OrdersComponent.class}, (proxy, method, args) -> {
                    if (method.getName().equals("placeOrder")) {
                        return placeOrder;
                    }
                    if (method.getName().equals("config")) {
                        return HandlerConfig.inMemory();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
