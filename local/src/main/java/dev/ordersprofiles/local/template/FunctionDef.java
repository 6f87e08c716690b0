package dev.ordersprofiles.local.template;

import java.util.Map;
import java.util.OptionalInt;

/**
 * A Lambda function of the template.
 *
 * @param name local function name, derived from the logical id ({@code OrdersCreateFunction} → {@code orders-create})
 * @param reservedConcurrency the template's ReservedConcurrentExecutions, when set
 */
public record FunctionDef(String logicalId, String name, String arn, String handlerClass, String handlerMethod,
                          int timeoutSeconds, int memoryMb, OptionalInt reservedConcurrency,
                          Map<String, String> environment) {
    public FunctionDef {
        environment = Map.copyOf(environment);
    }
}
