package dev.ordersprofiles.local.template;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Lambda function of the template.
 *
 * @param name local function name, derived from the logical id ({@code OrdersCreateFunction} → {@code orders-create})
 * @param reservedConcurrency the template's ReservedConcurrentExecutions, when set
 * @param code the template's {@code CodeUri} (a jar, a zip or a folder of classes), resolved against the
 *             template's folder; empty when the template names none
 */
public record FunctionDef(String logicalId, String name, String arn, String handlerClass, String handlerMethod,
                          int timeoutSeconds, int memoryMb, OptionalInt reservedConcurrency,
                          Map<String, String> environment, Optional<Path> code) {
    public FunctionDef {
        environment = Map.copyOf(environment);
    }

    /** A function whose code is already on the stack's classpath (tests of the in-process runtime). */
    public FunctionDef(String logicalId, String name, String arn, String handlerClass, String handlerMethod,
                       int timeoutSeconds, int memoryMb, OptionalInt reservedConcurrency,
                       Map<String, String> environment) {
        this(logicalId, name, arn, handlerClass, handlerMethod, timeoutSeconds, memoryMb, reservedConcurrency,
                environment, Optional.empty());
    }

    /** The Handler string as the template writes it ({@code class::method}, or the class alone). */
    public String handler() {
        return handlerMethod.equals("handleRequest") ? handlerClass : handlerClass + "::" + handlerMethod;
    }
}
