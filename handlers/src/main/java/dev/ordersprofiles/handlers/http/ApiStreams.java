package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.ordersprofiles.handlers.common.PlainJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte-stream entry point of the API handlers: reads the proxy event, runs the typed {@code handleRequest},
 * writes the proxy response. The Lambda Java runtime prefers the {@code (InputStream, OutputStream, Context)}
 * overload of {@code handleRequest} (most parameters wins), so in Lambda this path runs and the runtime never sets
 * up its own event serialisation (a cold-start cost, docs/performance.md).
 *
 * <p>The envelope is read with the streaming parser into plain values and copied field by field, and the response
 * is written with the streaming generator: Jackson databind (bean (de)serializers for these two large event
 * classes, or even just an ObjectMapper for a tree) costs more on a cold start than everything else the function
 * does (docs/performance.md).
 */
final class ApiStreams {
    private ApiStreams() {
    }

    static void handle(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                       InputStream input, OutputStream output, Context context) throws IOException {
        Object json;
        try (JsonParser parser = PlainJson.EVENTS.createParser(input)) {
            parser.nextToken();
            json = PlainJson.read(parser);
        }
        write(handler.handleRequest(request(json), context), output);
    }

    /** The proxy event from its JSON (as plain values); null unless it is a JSON object. */
    static APIGatewayProxyRequestEvent request(Object root) {
        if (!(root instanceof Map<?, ?> json)) {
            return null;
        }
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setVersion(text(json, "version"));
        event.setResource(text(json, "resource"));
        event.setPath(text(json, "path"));
        event.setHttpMethod(text(json, "httpMethod"));
        event.setHeaders(stringMap(json.get("headers")));
        event.setMultiValueHeaders(listMap(json.get("multiValueHeaders")));
        event.setQueryStringParameters(stringMap(json.get("queryStringParameters")));
        event.setMultiValueQueryStringParameters(listMap(json.get("multiValueQueryStringParameters")));
        event.setPathParameters(stringMap(json.get("pathParameters")));
        event.setStageVariables(stringMap(json.get("stageVariables")));
        event.setRequestContext(context(json.get("requestContext")));
        event.setBody(text(json, "body"));
        Object base64 = json.get("isBase64Encoded");
        event.setIsBase64Encoded(base64 == null ? null : bool(base64));
        return event;
    }

    private static ProxyRequestContext context(Object value) {
        if (!(value instanceof Map<?, ?> json)) {
            return null;
        }
        ProxyRequestContext context = new ProxyRequestContext();
        context.setAccountId(text(json, "accountId"));
        context.setStage(text(json, "stage"));
        context.setResourceId(text(json, "resourceId"));
        context.setRequestId(text(json, "requestId"));
        context.setOperationName(text(json, "operationName"));
        context.setIdentity(identity(json.get("identity")));
        context.setResourcePath(text(json, "resourcePath"));
        context.setHttpMethod(text(json, "httpMethod"));
        context.setApiId(text(json, "apiId"));
        context.setPath(text(json, "path"));
        if (json.get("authorizer") instanceof Map<?, ?> authorizer) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) authorizer;
            context.setAuthorizer(map);
        }
        context.setExtendedRequestId(text(json, "extendedRequestId"));
        context.setRequestTime(text(json, "requestTime"));
        Object epoch = json.get("requestTimeEpoch");
        context.setRequestTimeEpoch(epoch == null ? null : longValue(epoch));
        context.setDomainName(text(json, "domainName"));
        context.setDomainPrefix(text(json, "domainPrefix"));
        context.setProtocol(text(json, "protocol"));
        return context;
    }

    private static RequestIdentity identity(Object value) {
        if (!(value instanceof Map<?, ?> json)) {
            return null;
        }
        RequestIdentity identity = new RequestIdentity();
        identity.setCognitoIdentityPoolId(text(json, "cognitoIdentityPoolId"));
        identity.setAccountId(text(json, "accountId"));
        identity.setCognitoIdentityId(text(json, "cognitoIdentityId"));
        identity.setCaller(text(json, "caller"));
        identity.setApiKey(text(json, "apiKey"));
        identity.setPrincipalOrgId(text(json, "principalOrgId"));
        identity.setSourceIp(text(json, "sourceIp"));
        identity.setCognitoAuthenticationType(text(json, "cognitoAuthenticationType"));
        identity.setCognitoAuthenticationProvider(text(json, "cognitoAuthenticationProvider"));
        identity.setUserArn(text(json, "userArn"));
        identity.setUserAgent(text(json, "userAgent"));
        identity.setUser(text(json, "user"));
        identity.setAccessKey(text(json, "accessKey"));
        return identity;
    }

    /** A scalar as its text, an object or array as its JSON, null as null (as a lenient reader gives a String). */
    private static String text(Map<?, ?> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return null;
        }
        return value instanceof Map || value instanceof List ? PlainJson.toJson(value) : String.valueOf(value);
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof Number n ? n.doubleValue() != 0 : Boolean.parseBoolean(String.valueOf(value));
    }

    private static Long longValue(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static Map<String, String> stringMap(Object value) {
        if (!(value instanceof Map<?, ?> json)) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : json.entrySet()) {
            Object v = field.getValue();
            map.put((String) field.getKey(), v == null ? null
                    : v instanceof Map || v instanceof List ? "" : String.valueOf(v));
        }
        return map;
    }

    private static Map<String, List<String>> listMap(Object value) {
        if (!(value instanceof Map<?, ?> json)) {
            return null;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : json.entrySet()) {
            if (field.getValue() instanceof List<?> list) {
                List<String> values = new ArrayList<>(list.size());
                for (Object v : list) {
                    values.add(v == null ? null : v instanceof Map || v instanceof List ? "" : String.valueOf(v));
                }
                map.put((String) field.getKey(), values);
            } else {
                map.put((String) field.getKey(), null);
            }
        }
        return map;
    }

    static void write(APIGatewayProxyResponseEvent response, OutputStream output) throws IOException {
        try (JsonGenerator out = PlainJson.EVENTS.createGenerator(output)) {
            if (response == null) {
                out.writeNull();
                return;
            }
            out.writeStartObject();
            if (response.getStatusCode() != null) {
                out.writeNumberField("statusCode", response.getStatusCode());
            }
            if (response.getHeaders() != null) {
                out.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                    out.writeStringField(header.getKey(), header.getValue());
                }
                out.writeEndObject();
            }
            if (response.getMultiValueHeaders() != null) {
                out.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                    out.writeArrayFieldStart(header.getKey());
                    for (String value : header.getValue()) {
                        out.writeString(value);
                    }
                    out.writeEndArray();
                }
                out.writeEndObject();
            }
            if (response.getBody() != null) {
                out.writeStringField("body", response.getBody());
            }
            if (response.getIsBase64Encoded() != null) {
                out.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            }
            out.writeEndObject();
        }
    }
}
