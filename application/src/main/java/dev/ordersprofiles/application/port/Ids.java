package dev.ordersprofiles.application.port;

import dev.ordersprofiles.domain.order.OrderId;

/** Makes new identities. */
public interface Ids {

    OrderId newOrderId();
}
