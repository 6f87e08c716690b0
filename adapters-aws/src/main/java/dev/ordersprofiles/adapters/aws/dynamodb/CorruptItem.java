package dev.ordersprofiles.adapters.aws.dynamodb;

/**
 * A stored item could not be read back as a domain object: an attribute is missing, has the wrong type or an
 * impossible value. The message names the table, the item's key and the attribute, never the whole item.
 */
public final class CorruptItem extends RuntimeException {
    private final String table;
    private final String key;

    public CorruptItem(String table, String key, String detail) {
        this(table, key, detail, null);
    }

    public CorruptItem(String table, String key, String detail, Throwable cause) {
        super("corrupt item in table " + table + " with key " + key + ": " + detail, cause);
        this.table = table;
        this.key = key;
    }

    public String table() {
        return table;
    }

    public String key() {
        return key;
    }
}
