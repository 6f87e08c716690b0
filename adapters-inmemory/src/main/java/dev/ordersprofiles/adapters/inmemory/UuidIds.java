package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.port.Ids;
import dev.ordersprofiles.domain.order.OrderId;
import java.util.UUID;

/** Random (version 4) UUIDs. Used on AWS too: it needs nothing but the JDK. */
public final class UuidIds implements Ids {
    @Override
    public OrderId newOrderId() {
        return OrderId.of(UUID.randomUUID());
    }
}
