package dev.ordersprofiles.adapters.aws.stepfunctions;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.client.AwsServiceException;
import dev.ordersprofiles.adapters.aws.client.Wire;
import dev.ordersprofiles.application.port.OrderWorkflow;
import dev.ordersprofiles.domain.order.OrderId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Starts the PlaceOrder state machine with StartExecution, execution name = order id and input
 * {@code {"orderId":"<id>"}}. A start for an id that has run (or is running) already fails with
 * ExecutionAlreadyExists: since the input is always the same for an id, that run is the one we wanted, so it counts
 * as success. Every other failure propagates.
 */
public final class StepFunctionsOrderWorkflow implements OrderWorkflow {
    static final String ALREADY_EXISTS = "ExecutionAlreadyExists";

    private final AwsJsonClient stepFunctions;
    private final String stateMachineArn;

    public StepFunctionsOrderWorkflow(AwsJsonClient stepFunctions, String stateMachineArn) {
        this.stepFunctions = Objects.requireNonNull(stepFunctions, "stepFunctions");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    @Override
    public void start(OrderId orderId) {
        try {
            stepFunctions.call("StartExecution", request(orderId));
        } catch (AwsServiceException error) {
            if (!error.is(ALREADY_EXISTS)) {
                throw error;
            }
            // the run for this order exists: a retried PlaceOrder must not start a second one
        }
    }

    private byte[] request(OrderId orderId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = Wire.JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("stateMachineArn", stateMachineArn);
            out.writeStringField("name", orderId.value());
            out.writeStringField("input", input(orderId));
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The execution input; an order id is a lowercase UUID, so it needs no JSON escaping. */
    static String input(OrderId orderId) {
        return "{\"orderId\":\"" + orderId.value() + "\"}";
    }
}
