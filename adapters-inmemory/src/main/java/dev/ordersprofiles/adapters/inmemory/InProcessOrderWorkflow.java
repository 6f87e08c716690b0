package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.order.ChargePayment;
import dev.ordersprofiles.application.order.ConfirmOrder;
import dev.ordersprofiles.application.order.MarkOrderFailed;
import dev.ordersprofiles.application.order.MarkOrderFailedCommand;
import dev.ordersprofiles.application.order.MarkOrderNeedsAttention;
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
 * Runs the PlaceOrder workflow in this process, shaped like the state machine: any failure of a forward step runs
 * the compensations (refund, release) and marks the order FAILED; a compensation or the marking that fails in turn
 * marks the order FAILED as needing attention. One run per order id: starting it again is a no-op. Runs go to
 * {@code executor} (pass {@code Runnable::run} to run synchronously in tests).
 */
public final class InProcessOrderWorkflow implements OrderWorkflow {
    /** The steps of the workflow, in the order they run. */
    public record Steps(ValidateOrder validate, ReserveInventory reserve, ChargePayment charge, ConfirmOrder confirm,
                        ReleaseInventory release, RefundPayment refund, MarkOrderFailed markFailed,
                        MarkOrderNeedsAttention markNeedsAttention) {
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
            steps.reserve().reserve(id);
            steps.charge().charge(id);
            steps.confirm().confirm(id);
        } catch (RuntimeException e) {
            compensate(id, e);
        }
    }

    private void compensate(OrderId id, RuntimeException cause) {
        String step = "RefundPayment";
        try {
            steps.refund().refund(id);
            step = "ReleaseInventory";
            steps.release().release(id);
            step = "MarkFailed";
            steps.markFailed().markFailed(new MarkOrderFailedCommand(id, cause.getClass().getSimpleName()));
        } catch (RuntimeException undoFailed) {
            steps.markNeedsAttention().markNeedsAttention(new MarkOrderFailedCommand(id,
                    cause.getClass().getSimpleName() + ", then " + step + ": " + undoFailed.getClass().getSimpleName()));
        }
    }
}
