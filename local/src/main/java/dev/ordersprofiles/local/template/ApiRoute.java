package dev.ordersprofiles.local.template;

/**
 * A REST API route: method (upper case), resource path as API Gateway writes it ({@code /orders/{id}}), the
 * function behind it, and whether the Cognito authorizer guards it.
 */
public record ApiRoute(String method, String path, String functionName, boolean authorized) {
}
