package dev.ordersprofiles.handlers.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ordersprofiles.application.order.ExpectedOrder;
import dev.ordersprofiles.domain.order.LineItem;
import dev.ordersprofiles.domain.order.Order;
import dev.ordersprofiles.domain.order.OrderId;
import dev.ordersprofiles.domain.shared.DomainException;
import dev.ordersprofiles.domain.shared.InvalidValue;
import dev.ordersprofiles.domain.shared.Money;
import dev.ordersprofiles.domain.shared.UserId;
import dev.ordersprofiles.handlers.common.Invocation;
import dev.ordersprofiles.handlers.common.Invocations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * What the payload says of the order besides its id (userId, amount, items; each optional, see
     * contracts/schemas/order-step-input.json), for the step to check against the stored order.
     *
     * @throws InvalidValue when one of them is present but malformed
     */
    static ExpectedOrder expected(Map<String, Object> input) {
        if (input == null) {
            return ExpectedOrder.ANY;
        }
        Optional<UserId> user = Optional.empty();
        Object userId = input.get("userId");
        if (userId != null) {
            if (!(userId instanceof String id)) {
                throw new InvalidValue("userId", "must be a string");
            }
            user = Optional.of(UserId.of(id));
        }
        Optional<Money> amount = Optional.empty();
        Object value = input.get("amount");
        if (value != null) {
            if (!(value instanceof String) && !(value instanceof Number)) {
                throw new InvalidValue("amount", "must be a decimal number or string");
            }
            amount = Optional.of(Money.of(value.toString()));
        }
        Optional<List<LineItem>> items = Optional.empty();
        Object lines = input.get("items");
        if (lines != null) {
            if (!(lines instanceof List<?> list)) {
                throw new InvalidValue("items", "must be an array");
            }
            List<LineItem> parsed = new ArrayList<>();
            for (Object line : list) {
                if (!(line instanceof Map<?, ?> item) || !(item.get("sku") instanceof String sku)
                        || !(item.get("qty") instanceof Number qty) || qty.doubleValue() != qty.intValue()) {
                    throw new InvalidValue("items", "must be objects with a string sku and an integer qty");
                }
                parsed.add(LineItem.of(sku, qty.intValue()));
            }
            items = Optional.of(parsed);
        }
        return new ExpectedOrder(user, amount, items);
    }

    private static OrderId orderId(Map<String, Object> input) {
        Object value = input == null ? null : input.get("orderId");
        if (!(value instanceof String id)) {
            throw new InvalidValue("orderId", "is required as a string");
        }
        return OrderId.of(id);
    }
}
