package dev.ordersprofiles.handlers.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ordersprofiles.handlers.common.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte-stream entry point of the API handlers: reads the proxy event, runs the typed {@code handleRequest},
 * writes the proxy response. The Lambda Java runtime prefers the {@code (InputStream, OutputStream, Context)}
 * overload of {@code handleRequest} (most parameters wins), so in Lambda this path runs and the runtime never sets
 * up its own event serialisation (a cold-start cost, docs/performance.md).
 *
 * <p>The envelope is read as a JSON tree and copied field by field, and the response is written with the streaming
 * generator: Jackson's bean (de)serializers for these two large event classes cost more on a cold start than the
 * whole tree parse (about 200 ms vs 30 ms on the bench machine without AppCDS).
 */
final class ApiStreams {
    private ApiStreams() {
    }

    static void handle(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                       InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayProxyRequestEvent event = request(EventJson.MAPPER.readTree(input));
        write(handler.handleRequest(event, context), output);
    }

    static APIGatewayProxyRequestEvent request(JsonNode json) {
        if (json == null || !json.isObject()) {
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
        JsonNode base64 = json.get("isBase64Encoded");
        event.setIsBase64Encoded(base64 == null || base64.isNull() ? null : base64.asBoolean());
        return event;
    }

    private static ProxyRequestContext context(JsonNode json) {
        if (json == null || !json.isObject()) {
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
        JsonNode authorizer = json.get("authorizer");
        if (authorizer != null && authorizer.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) plain(authorizer);
            context.setAuthorizer(map);
        }
        context.setExtendedRequestId(text(json, "extendedRequestId"));
        context.setRequestTime(text(json, "requestTime"));
        JsonNode epoch = json.get("requestTimeEpoch");
        context.setRequestTimeEpoch(epoch == null || epoch.isNull() ? null : epoch.asLong());
        context.setDomainName(text(json, "domainName"));
        context.setDomainPrefix(text(json, "domainPrefix"));
        context.setProtocol(text(json, "protocol"));
        return context;
    }

    private static RequestIdentity identity(JsonNode json) {
        if (json == null || !json.isObject()) {
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

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static Map<String, String> stringMap(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
        }
        return map;
    }

    private static Map<String, List<String>> listMap(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isArray()) {
                List<String> values = new ArrayList<>(field.getValue().size());
                field.getValue().forEach(v -> values.add(v.isNull() ? null : v.asText()));
                map.put(field.getKey(), values);
            } else {
                map.put(field.getKey(), null);
            }
        }
        return map;
    }

    /** JSON as plain Java values (Map, List, String, Number, Boolean, null), as the runtime gives {@code Object}. */
    private static Object plain(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (json.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            json.fields().forEachRemaining(field -> map.put(field.getKey(), plain(field.getValue())));
            return map;
        }
        if (json.isArray()) {
            List<Object> list = new ArrayList<>(json.size());
            json.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        if (json.isNumber()) {
            return json.numberValue();
        }
        return json.asText();
    }

    static void write(APIGatewayProxyResponseEvent response, OutputStream output) throws IOException {
        try (JsonGenerator out = EventJson.MAPPER.getFactory().createGenerator(output)) {
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
