package dev.ordersprofiles.application.order;

/** The scheduled cleanup: expires every PENDING order whose deadline has passed. */
public interface ExpireStaleOrders {

    ExpiryReport expireStale();
}
