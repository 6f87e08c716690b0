package dev.ordersprofiles.local.workflow;

import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.local.asl.ExecutionAlreadyExists;
import dev.ordersprofiles.local.asl.StateMachine;
import java.util.ArrayList;
import java.util.List;

/**
 * The OrderWorkflow port on the local Step Functions: StartExecution with name = order id and input
 * {@code {"orderId": …}}, as StepFunctionsOrderWorkflow does on AWS. Starting again is a no-op.
 *
 * <p>Starts can be held ({@link #hold()}), as if Step Functions were unreachable: orders then stay PENDING, which
 * is how the cleanup can be watched at work. {@link #release()} starts what was held.
 */
public final class OrderWorkflowOnStepFunctions implements OrderWorkflow {
    private final LocalStepFunctions stepFunctions;
    private final StateMachine machine;
    private final List<OrderId> held = new ArrayList<>();
    private boolean holding;

    public OrderWorkflowOnStepFunctions(LocalStepFunctions stepFunctions, StateMachine machine) {
        this.stepFunctions = stepFunctions;
        this.machine = machine;
    }

    @Override
    public void start(OrderId orderId) {
        synchronized (this) {
            if (holding) {
                if (!held.contains(orderId)) {
                    held.add(orderId);
                }
                return;
            }
        }
        run(orderId);
    }

    public synchronized void hold() {
        holding = true;
    }

    /** @return how many held starts were made now */
    public int release() {
        List<OrderId> starting;
        synchronized (this) {
            holding = false;
            starting = List.copyOf(held);
            held.clear();
        }
        starting.forEach(this::run);
        return starting.size();
    }

    public synchronized boolean holding() {
        return holding;
    }

    private void run(OrderId orderId) {
        try {
            stepFunctions.executions().start(machine, orderId.value(), "{\"orderId\":\"" + orderId.value() + "\"}");
        } catch (ExecutionAlreadyExists sameNameOtherInput) {
            // Our input is a function of the name, so this cannot be another order's run.
        }
    }
}
