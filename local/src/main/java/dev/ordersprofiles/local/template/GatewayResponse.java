package dev.ordersprofiles.local.template;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the REST API's Gateway Responses (SAM's {@code GatewayResponses} on an {@code AWS::Serverless::Api}, or an
 * {@code AWS::ApiGateway::GatewayResponse}): what API Gateway answers instead of its own default for a response type
 * such as {@code UNAUTHORIZED}, {@code MISSING_AUTHENTICATION_TOKEN}, {@code THROTTLED}, {@code DEFAULT_4XX}.
 *
 * @param statusCode the status, or empty to keep the type's default status
 * @param headers static header values (the quotes API Gateway wants around them removed)
 * @param jsonTemplate the {@code application/json} response template, if any
 */
public record GatewayResponse(Optional<Integer> statusCode, Map<String, String> headers, Optional<String> jsonTemplate) {
    private static final Pattern CONTEXT = Pattern.compile("\\$(?:\\{context\\.([A-Za-z.]+)}|context\\.([A-Za-z.]*[A-Za-z]))");

    public GatewayResponse {
        headers = Map.copyOf(headers);
    }

    /**
     * The template with the {@code $context} variables API Gateway fills in for a gateway response. {@code
     * $context.error.messageString} is the message as a quoted JSON string, {@code $context.error.message} the bare
     * text; a variable not in {@code context} stays as written, as VTL prints an undefined reference.
     */
    public static String render(String template, Map<String, String> context) {
        Matcher m = CONTEXT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value;
            if (name.equals("error.messageString")) {
                String message = context.get("error.message");
                value = message == null ? null : quote(message);
            } else {
                value = context.get(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String quote(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
