package dev.ordersprofiles.handlers.wiring;

import dev.ordersprofiles.application.port.IdempotencyStore;
import dev.ordersprofiles.application.port.Ids;
import dev.ordersprofiles.application.port.Inventory;
import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.application.port.Payments;
import dev.ordersprofiles.application.port.ProfileRepository;
import java.util.Objects;

/**
 * A complete set of driven-port implementations chosen by the caller (the local stack: its own stores, its
 * ASL-interpreter workflow), for {@link Components#withPorts}.
 */
public record Ports(OrderRepository orders, ProfileRepository profiles, IdempotencyStore idempotency,
                    OrderWorkflow workflow, Inventory inventory, Payments payments, Ids ids) {
    public Ports {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(ids, "ids");
    }
}
