package dev.ordersprofiles.adapters.aws.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value, immutable: S, N (kept as the exact decimal text), BOOL, NULL, M or L; the other
 * types (B, SS, NS, BS) are read as an opaque value of their type, which no mapper of ours accepts (a
 * {@link CorruptItem} then names it).
 */
public final class AttributeValue {
    private final String type;
    private final Object value;

    private AttributeValue(String type, Object value) {
        this.type = type;
        this.value = value;
    }

    public static AttributeValue fromS(String value) {
        return new AttributeValue("S", Objects.requireNonNull(value, "S"));
    }

    /** @param value the number's exact decimal text, as DynamoDB keeps it */
    public static AttributeValue fromN(String value) {
        return new AttributeValue("N", Objects.requireNonNull(value, "N"));
    }

    public static AttributeValue fromBool(boolean value) {
        return new AttributeValue("BOOL", value);
    }

    public static AttributeValue fromNul() {
        return new AttributeValue("NULL", Boolean.TRUE);
    }

    public static AttributeValue fromM(Map<String, AttributeValue> value) {
        return new AttributeValue("M", Map.copyOf(value));
    }

    public static AttributeValue fromL(List<AttributeValue> value) {
        return new AttributeValue("L", List.copyOf(value));
    }

    /** A value of a type we never write (B, SS, NS, BS), kept as its JSON text for equality and messages only. */
    static AttributeValue other(String type, String json) {
        return new AttributeValue(type, json);
    }

    /** S, N, BOOL, NULL, M, L, or the name of another DynamoDB type. */
    public String type() {
        return type;
    }

    /** The string, or null when this is not an S. */
    public String s() {
        return "S".equals(type) ? (String) value : null;
    }

    /** The number's text, or null when this is not an N. */
    public String n() {
        return "N".equals(type) ? (String) value : null;
    }

    /** TRUE for a NULL value, null otherwise (as the SDK's model answers). */
    public Boolean nul() {
        return "NULL".equals(type) ? Boolean.TRUE : null;
    }

    public Boolean bool() {
        return "BOOL".equals(type) ? (Boolean) value : null;
    }

    public boolean hasM() {
        return "M".equals(type);
    }

    public boolean hasL() {
        return "L".equals(type);
    }

    /** The map, or an empty map when this is not an M. */
    @SuppressWarnings("unchecked")
    public Map<String, AttributeValue> m() {
        return hasM() ? (Map<String, AttributeValue>) value : Map.of();
    }

    /** The list, or an empty list when this is not an L. */
    @SuppressWarnings("unchecked")
    public List<AttributeValue> l() {
        return hasL() ? (List<AttributeValue>) value : List.of();
    }

    Object rawValue() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeValue that && type.equals(that.type) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return "{" + type + ": " + value + "}";
    }
}
