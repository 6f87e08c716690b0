package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.order.ChargePayment;
import dev.ordersprofiles.application.order.ConfirmOrder;
import dev.ordersprofiles.application.order.MarkOrderFailed;
import dev.ordersprofiles.application.order.MarkOrderFailedCommand;
import dev.ordersprofiles.application.order.RefundPayment;
import dev.ordersprofiles.application.order.ReleaseInventory;
import dev.ordersprofiles.application.order.ReserveInventory;
import dev.ordersprofiles.application.order.ValidateOrder;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.domain.order.OrderId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs the PlaceOrder workflow in this process, with the compensations of the state machine: a failed reserve
 * marks the order failed; a failed charge releases the stock first; a failed confirm refunds and releases.
 * One run per order id: starting it again is a no-op. Runs go to {@code executor}
 * (pass {@code Runnable::run} to run synchronously in tests).
 */
public final class InProcessOrderWorkflow implements OrderWorkflow {
    /** The steps of the workflow, in the order they run. */
    public record Steps(ValidateOrder validate, ReserveInventory reserve, ChargePayment charge, ConfirmOrder confirm,
                        ReleaseInventory release, RefundPayment refund, MarkOrderFailed markFailed) {
    }

    private final Steps steps;
    private final Executor executor;
    private final Set<OrderId> started = ConcurrentHashMap.newKeySet();

    public InProcessOrderWorkflow(Steps steps, Executor executor) {
        this.steps = steps;
        this.executor = executor;
    }

    @Override
    public void start(OrderId orderId) {
        if (started.add(orderId)) {
            executor.execute(() -> run(orderId));
        }
    }

    private void run(OrderId id) {
        try {
            steps.validate().validate(id);
        } catch (RuntimeException e) {
            fail(id, e);
            return;
        }
        try {
            steps.reserve().reserve(id);
        } catch (RuntimeException e) {
            fail(id, e);
            return;
        }
        try {
            steps.charge().charge(id);
        } catch (RuntimeException e) {
            steps.release().release(id);
            fail(id, e);
            return;
        }
        try {
            steps.confirm().confirm(id);
        } catch (RuntimeException e) {
            steps.refund().refund(id);
            steps.release().release(id);
            fail(id, e);
        }
    }

    private void fail(OrderId id, RuntimeException cause) {
        steps.markFailed().markFailed(new MarkOrderFailedCommand(id, cause.getClass().getSimpleName()));
    }
}
