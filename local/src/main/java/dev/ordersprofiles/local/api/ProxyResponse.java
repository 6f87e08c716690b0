package dev.ordersprofiles.local.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP response API Gateway builds from a proxy integration's answer ({@code statusCode}, {@code headers},
 * {@code multiValueHeaders}, {@code body}, {@code isBase64Encoded}), or null when the answer is not a valid proxy
 * response (API Gateway then answers 502).
 *
 * <p>The usual shape (an int status, string headers, arrays of string multi-value headers, a string or null body,
 * a boolean or null {@code isBase64Encoded}, each field once) is read with the streaming parser; anything else
 * (numbers or nulls where strings go, repeated fields …) is read again as a tree by {@link #fromTree}, the
 * reference for every case.
 */
final class ProxyResponse {
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final JsonFactory JSON = TREE.getFactory();
    /** The streaming reader met something it leaves to the tree reader. */
    private static final HttpResponse UNUSUAL = new HttpResponse(0, Map.of(), new byte[0]);

    private ProxyResponse() {
    }

    static HttpResponse from(byte[] payload) {
        HttpResponse response;
        try {
            response = streamed(payload);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return response == UNUSUAL ? fromTree(payload) : response;
    }

    private static HttpResponse streamed(byte[] payload) throws IOException {
        try (JsonParser in = JSON.createParser(payload)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int status = -1;
            Map<String, List<String>> headers = null;
            Map<String, List<String>> multi = null;
            String body = null;
            boolean base64 = false;
            int seen = 0;
            JsonToken token;
            while ((token = in.nextToken()) == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                int bit = switch (field) {
                    case "statusCode" -> 1;
                    case "headers" -> 2;
                    case "multiValueHeaders" -> 4;
                    case "body" -> 8;
                    case "isBase64Encoded" -> 16;
                    default -> 0;
                };
                if ((seen & bit) != 0) {
                    return UNUSUAL;
                }
                seen |= bit;
                switch (bit) {
                    case 1 -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
                            return UNUSUAL;
                        }
                        status = in.getIntValue();
                    }
                    case 2 -> {
                        if (value == JsonToken.START_OBJECT) {
                            headers = new LinkedHashMap<>();
                            while (in.nextToken() == JsonToken.FIELD_NAME) {
                                String name = in.currentName();
                                if (in.nextToken() != JsonToken.VALUE_STRING || headers.containsKey(name)) {
                                    return UNUSUAL;
                                }
                                List<String> values = new ArrayList<>(2);
                                values.add(in.getText());
                                headers.put(name, values);
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            return UNUSUAL;
                        }
                    }
                    case 4 -> {
                        if (value == JsonToken.START_OBJECT) {
                            multi = new LinkedHashMap<>();
                            while (in.nextToken() == JsonToken.FIELD_NAME) {
                                String name = in.currentName();
                                if (in.nextToken() != JsonToken.START_ARRAY || multi.containsKey(name)) {
                                    return UNUSUAL;
                                }
                                List<String> values = new ArrayList<>(2);
                                JsonToken item;
                                while ((item = in.nextToken()) == JsonToken.VALUE_STRING) {
                                    values.add(in.getText());
                                }
                                if (item != JsonToken.END_ARRAY) {
                                    return UNUSUAL;
                                }
                                multi.put(name, values);
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            return UNUSUAL;
                        }
                    }
                    case 8 -> {
                        if (value == JsonToken.VALUE_STRING) {
                            body = in.getText();
                        } else if (value != JsonToken.VALUE_NULL) {
                            return UNUSUAL;
                        }
                    }
                    case 16 -> {
                        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                            base64 = value == JsonToken.VALUE_TRUE;
                        } else if (value != JsonToken.VALUE_NULL) {
                            return UNUSUAL;
                        }
                    }
                    default -> in.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return UNUSUAL;
            }
            if (status < 100 || status > 599) {
                return null;
            }
            if (headers == null) {
                headers = new LinkedHashMap<>();
            }
            if (multi != null) {
                for (Map.Entry<String, List<String>> h : multi.entrySet()) {
                    headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).addAll(h.getValue());
                }
            }
            return response(status, headers, body, base64);
        }
    }

    private static HttpResponse response(int status, Map<String, List<String>> headers, String body, boolean base64) {
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (base64) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        boolean typed = false;
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase("Content-Type")) {
                typed = true;
                break;
            }
        }
        if (!typed) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return new HttpResponse(status, headers, bytes);
    }

    /** The reference reading, from the answer as a JSON tree; also the fallback for unusual answers. */
    static HttpResponse fromTree(byte[] payload) {
        JsonNode answer;
        try {
            answer = TREE.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (answer == null || !answer.isObject() || !answer.path("statusCode").canConvertToInt()
                || answer.path("statusCode").asInt() < 100 || answer.path("statusCode").asInt() > 599) {
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (!h.getValue().isNull()) {
                headers.put(h.getKey(), new ArrayList<>(List.of(h.getValue().asText())));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("multiValueHeaders").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            List<String> values = headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
            h.getValue().forEach(v -> values.add(v.asText()));
        }
        JsonNode bodyNode = answer.path("body");
        byte[] body;
        if (bodyNode.isNull() || bodyNode.isMissingNode()) {
            body = new byte[0];
        } else if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(bodyNode.asText());
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else if (bodyNode.isTextual()) {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        } else {
            return null;
        }
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return new HttpResponse(answer.get("statusCode").asInt(), headers, body);
    }
}
