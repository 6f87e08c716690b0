package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;
import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.handlers.common.Invocation;
import dev.ordersprofiles.handlers.common.Invocations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs one PlaceOrder workflow step: reads the step input (contracts/schemas/order-step-input.json), calls the use
 * case, answers the step output ({@code {"orderId", "status"}}, order-step-output.json) and writes the invocation's
 * log line. Business failures escape unchanged: the Java runtime reports the exception's fully qualified class name
 * as the error type, which the state machine's Catch clauses match.
 */
final class StepCall {
    private StepCall() {
    }

    static Map<String, Object> run(Invocations invocations, Map<String, Object> input, Context context,
                                   BiFunction<OrderId, Map<String, Object>, Order> step) {
        try (Invocation invocation = invocations.start(context)) {
            invocation.put("step", invocation.function());
            try {
                OrderId orderId = orderId(input);
                invocation.put("orderId", orderId.value());
                Order order = step.apply(orderId, input);
                invocation.put("outcome", "ok").put("orderStatus", order.status().name());
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("orderId", order.id().value());
                output.put("status", order.status().name());
                return output;
            } catch (DomainException e) {
                invocation.warn();
                invocation.put("outcome", e.getClass().getSimpleName()).put("errorType", e.getClass().getName());
                throw e;
            } catch (RuntimeException e) {
                invocation.put("outcome", "error");
                invocation.error(e);
                throw e;
            }
        }
    }

    private static OrderId orderId(Map<String, Object> input) {
        Object value = input == null ? null : input.get("orderId");
        if (!(value instanceof String id)) {
            throw new InvalidValue("orderId", "is required as a string");
        }
        return OrderId.of(id);
    }
}
