package dev.ordersprofiles.local.api;

import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.template.TemplateReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The REST API proxy event (payload format 1.0) API Gateway sends to the function, written straight to JSON bytes
 * field by field in API Gateway's order (no intermediate tree): compact JSON, byte for byte what Jackson writes
 * for the same tree.
 */
final class ProxyEvent {
    static final String API_ID = "localapi01";
    private static final byte[] RESOURCE = JsonBytes.fieldName("resource");
    private static final byte[] PATH = JsonBytes.fieldName("path");
    private static final byte[] HTTP_METHOD = JsonBytes.fieldName("httpMethod");
    private static final byte[] HEADERS = JsonBytes.fieldName("headers");
    private static final byte[] MULTI_VALUE_HEADERS = JsonBytes.fieldName("multiValueHeaders");
    private static final byte[] QUERY = JsonBytes.fieldName("queryStringParameters");
    private static final byte[] MULTI_VALUE_QUERY = JsonBytes.fieldName("multiValueQueryStringParameters");
    private static final byte[] PATH_PARAMETERS = JsonBytes.fieldName("pathParameters");
    private static final byte[] STAGE_VARIABLES = JsonBytes.fieldName("stageVariables");
    private static final byte[] REQUEST_CONTEXT = JsonBytes.fieldName("requestContext");
    private static final byte[] RESOURCE_ID = JsonBytes.fieldName("resourceId");
    private static final byte[] RESOURCE_PATH = JsonBytes.fieldName("resourcePath");
    private static final byte[] EXTENDED_REQUEST_ID = JsonBytes.fieldName("extendedRequestId");
    private static final byte[] REQUEST_TIME = JsonBytes.fieldName("requestTime");
    private static final byte[] ACCOUNT_ID = JsonBytes.fieldName("accountId");
    private static final byte[] PROTOCOL = JsonBytes.fieldName("protocol");
    private static final byte[] STAGE = JsonBytes.fieldName("stage");
    private static final byte[] DOMAIN_PREFIX = JsonBytes.fieldName("domainPrefix");
    private static final byte[] REQUEST_TIME_EPOCH = JsonBytes.fieldName("requestTimeEpoch");
    private static final byte[] REQUEST_ID = JsonBytes.fieldName("requestId");
    private static final byte[] IDENTITY = JsonBytes.fieldName("identity");
    private static final byte[] SOURCE_IP = JsonBytes.fieldName("sourceIp");
    private static final byte[] PRINCIPAL_ORG_ID = JsonBytes.fieldName("principalOrgId");
    private static final byte[] USER_AGENT = JsonBytes.fieldName("userAgent");
    private static final byte[] DOMAIN_NAME = JsonBytes.fieldName("domainName");
    private static final byte[] API_ID_FIELD = JsonBytes.fieldName("apiId");
    private static final byte[] AUTHORIZER = JsonBytes.fieldName("authorizer");
    private static final byte[] CLAIMS = JsonBytes.fieldName("claims");
    private static final byte[] BODY = JsonBytes.fieldName("body");
    private static final byte[] IS_BASE64_ENCODED = JsonBytes.fieldName("isBase64Encoded");
    private static final byte[][] ABSENT_IDENTITY = Stream.of("cognitoIdentityPoolId", "accountId",
            "cognitoIdentityId", "caller", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
            "userArn", "user").map(JsonBytes::fieldName).toArray(byte[][]::new);
    private static final String[] ADDED_HEADERS = {"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Port"};

    private ProxyEvent() {
    }

    /**
     * The event for one request.
     *
     * @param claims the authorizer's claims, or null on a route without the authorizer
     * @param requestTime the request time as API Gateway writes it ({@code dd/MMM/yyyy:HH:mm:ss +0000})
     */
    static byte[] write(HttpRequest request, RouteTable.Match match, Map<String, String> claims, String stageName,
                        String requestId, long requestTimeEpoch, String requestTime) {
        String resource = match.route().path();
        byte[] rawBody = request.body();
        JsonBytes out = JsonBytes.local();
        out.startObject();
        out.name(RESOURCE).value(resource);
        out.name(PATH).value(request.path());
        out.name(HTTP_METHOD).value(request.method());
        writeHeaders(out, request);
        Map<String, List<String>> query = query(request.rawQuery());
        if (query.isEmpty()) {
            out.name(QUERY).nullValue();
            out.name(MULTI_VALUE_QUERY).nullValue();
        } else {
            out.name(QUERY).startObject();
            for (Map.Entry<String, List<String>> q : query.entrySet()) {
                out.name(q.getKey()).value(q.getValue().get(q.getValue().size() - 1));
            }
            out.endObject();
            out.name(MULTI_VALUE_QUERY).startObject();
            for (Map.Entry<String, List<String>> q : query.entrySet()) {
                out.name(q.getKey()).startArray();
                for (String value : q.getValue()) {
                    out.value(value);
                }
                out.endArray();
            }
            out.endObject();
        }
        if (match.pathParameters().isEmpty()) {
            out.name(PATH_PARAMETERS).nullValue();
        } else {
            out.name(PATH_PARAMETERS).startObject();
            for (Map.Entry<String, String> p : match.pathParameters().entrySet()) {
                out.name(p.getKey()).value(p.getValue());
            }
            out.endObject();
        }
        out.name(STAGE_VARIABLES).nullValue();

        out.name(REQUEST_CONTEXT).startObject();
        out.name(RESOURCE_ID).value(Integer.toHexString(resource.hashCode() & 0xffffff));
        out.name(RESOURCE_PATH).value(resource);
        out.name(HTTP_METHOD).value(request.method());
        out.name(EXTENDED_REQUEST_ID).value(requestId.substring(0, 8) + "=");
        out.name(REQUEST_TIME).value(requestTime);
        out.name(PATH).value("/" + stageName + request.path());
        out.name(ACCOUNT_ID).value(TemplateReader.ACCOUNT);
        out.name(PROTOCOL).value("HTTP/1.1");
        out.name(STAGE).value(stageName);
        out.name(DOMAIN_PREFIX).value(API_ID);
        out.name(REQUEST_TIME_EPOCH).value(requestTimeEpoch);
        out.name(REQUEST_ID).value(requestId);
        out.name(IDENTITY).startObject();
        for (byte[] absent : ABSENT_IDENTITY) {
            out.name(absent).nullValue();
        }
        out.name(SOURCE_IP).value(request.sourceIp());
        out.name(PRINCIPAL_ORG_ID).nullValue();
        out.name(USER_AGENT).value(request.header("User-Agent").orElse(null));
        out.endObject();
        out.name(DOMAIN_NAME).value(request.host());
        out.name(API_ID_FIELD).value(API_ID);
        if (claims != null) {
            out.name(AUTHORIZER).startObject();
            out.name(CLAIMS).startObject();
            for (Map.Entry<String, String> claim : claims.entrySet()) {
                out.name(claim.getKey()).value(claim.getValue());
            }
            out.endObject();
            out.endObject();
        }
        out.endObject();

        out.name(BODY).value(rawBody.length == 0 ? null : new String(rawBody, StandardCharsets.UTF_8));
        out.name(IS_BASE64_ENCODED).value(false);
        out.endObject();
        return out.toByteArray();
    }

    /**
     * The client's headers, then those API Gateway adds when the client did not send them (same spelling):
     * {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Port}; once as {@code headers} (the
     * last value of each) and once as {@code multiValueHeaders}. A header with one value (nearly all) is encoded
     * once and copied: the ~1 KB token of {@code Authorization} is escaped once, not twice.
     */
    private static void writeHeaders(JsonBytes out, HttpRequest request) {
        Map<String, List<String>> client = request.headers();
        String[] added = {request.sourceIp(), "http", port(request.host())};
        for (String name : client.keySet()) {
            for (int i = 0; i < ADDED_HEADERS.length; i++) {
                if (name.equals(ADDED_HEADERS[i])) {
                    added[i] = null;
                }
            }
        }
        int[] marks = new int[2 * client.size()];
        int h = 0;
        out.name(HEADERS).startObject();
        for (Map.Entry<String, List<String>> header : client.entrySet()) {
            List<String> values = header.getValue();
            if (!values.isEmpty()) {
                out.name(header.getKey());
                marks[h] = out.mark();
                out.value(values.get(values.size() - 1));
                marks[h + 1] = out.mark();
            }
            h += 2;
        }
        for (int i = 0; i < ADDED_HEADERS.length; i++) {
            if (added[i] != null) {
                out.name(ADDED_HEADERS[i]).value(added[i]);
            }
        }
        out.endObject();
        out.name(MULTI_VALUE_HEADERS).startObject();
        h = 0;
        for (Map.Entry<String, List<String>> header : client.entrySet()) {
            List<String> values = header.getValue();
            out.name(header.getKey()).startArray();
            if (values.size() == 1) {
                out.copyValue(marks[h], marks[h + 1]);
            } else {
                for (String value : values) {
                    out.value(value);
                }
            }
            out.endArray();
            h += 2;
        }
        for (int i = 0; i < ADDED_HEADERS.length; i++) {
            if (added[i] != null) {
                out.name(ADDED_HEADERS[i]).startArray().value(added[i]).endArray();
            }
        }
        out.endObject();
    }

    private static String port(String host) {
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(colon + 1) : "80";
    }

    /** The query string's parameters, decoded, in order; repeated names keep every value. */
    static Map<String, List<String>> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            if (end > start) {
                String pair = raw.substring(start, end);
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            start = end + 1;
        }
        return query;
    }
}
