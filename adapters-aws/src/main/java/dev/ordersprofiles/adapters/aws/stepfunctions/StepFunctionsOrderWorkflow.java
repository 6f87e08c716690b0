package dev.ordersprofiles.adapters.aws.stepfunctions;

import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.domain.order.OrderId;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the PlaceOrder state machine with StartExecution, execution name = order id and input
 * {@code {"orderId":"<id>"}}. A start for an id that has run (or is running) already fails with
 * ExecutionAlreadyExists: since the input is always the same for an id, that run is the one we wanted, so it counts
 * as success. Every other failure propagates.
 */
public final class StepFunctionsOrderWorkflow implements OrderWorkflow {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsOrderWorkflow(SfnClient sfn, String stateMachineArn) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    @Override
    public void start(OrderId orderId) {
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn)
                    .name(orderId.value())
                    .input(input(orderId)));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // the run for this order exists: a retried PlaceOrder must not start a second one
        }
    }

    /** The execution input; an order id is a lowercase UUID, so it needs no JSON escaping. */
    static String input(OrderId orderId) {
        return "{\"orderId\":\"" + orderId.value() + "\"}";
    }
}
