package dev.ordersprofiles.local.lambda;

import dev.ordersprofiles.local.template.FunctionDef;

/** Makes the one handler instance of a function (the Lambda init phase). */
@FunctionalInterface
public interface HandlerFactory {
    Object create(FunctionDef function, Class<?> handlerClass) throws Exception;
}
