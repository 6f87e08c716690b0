package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one ObjectMapper of the module and small JSON helpers. */
final class Json {

    /** Decimals stay BigDecimal end to end, so a payload's 42.50 comes out as 42.50, never as a binary double. */
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(NODES)
            .build();

    private Json() {}

    /** Parses JSON text; throws IllegalArgumentException with the parser's message on bad input. */
    static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JsonNode", e);
        }
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static String typeName(JsonNode node) {
        return node == null ? "missing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
