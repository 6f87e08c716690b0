package dev.ordersprofiles.adapters.aws.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, null-safe reads of one item's attributes. Every problem becomes a {@link CorruptItem} naming the table,
 * the item's key and the attribute path.
 */
final class ItemReader {
    private final String table;
    private final String key;
    private final Map<String, AttributeValue> item;
    private final String path;

    ItemReader(String table, String key, Map<String, AttributeValue> item) {
        this(table, key, item, "");
    }

    private ItemReader(String table, String key, Map<String, AttributeValue> item, String path) {
        this.table = table;
        this.key = key;
        this.item = item;
        this.path = path;
    }

    String string(String name) {
        return optionalString(name).orElseThrow(() -> corrupt(name, "is missing"));
    }

    Optional<String> optionalString(String name) {
        AttributeValue value = item.get(name);
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return Optional.empty();
        }
        if (value.s() == null) {
            throw corrupt(name, "is not a string (S)");
        }
        return Optional.of(value.s());
    }

    BigDecimal number(String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw corrupt(name, "is missing");
        }
        if (value.n() == null) {
            throw corrupt(name, "is not a number (N)");
        }
        try {
            return new BigDecimal(value.n());
        } catch (NumberFormatException e) {
            throw corrupt(name, "is not a decimal number");
        }
    }

    long longNumber(String name) {
        try {
            return number(name).longValueExact();
        } catch (ArithmeticException e) {
            throw corrupt(name, "is not a whole number in the range of a long");
        }
    }

    int intNumber(String name) {
        try {
            return number(name).intValueExact();
        } catch (ArithmeticException e) {
            throw corrupt(name, "is not a whole number in the range of an int");
        }
    }

    Instant instant(String name) {
        String text = string(name);
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw corrupt(name, e.getMessage());
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = string(name);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw corrupt(name, "has an unknown value");
        }
    }

    /** Reads each element of the list attribute {@code name}, which must hold maps, with {@code element}. */
    <T> List<T> listOfMaps(String name, Function<ItemReader, T> element) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw corrupt(name, "is missing");
        }
        if (!value.hasL()) {
            throw corrupt(name, "is not a list (L)");
        }
        List<AttributeValue> list = value.l();
        T[] read = newArray(list.size());
        for (int i = 0; i < list.size(); i++) {
            AttributeValue entry = list.get(i);
            String entryPath = name + "[" + i + "]";
            if (entry == null || !entry.hasM()) {
                throw corrupt(entryPath, "is not a map (M)");
            }
            read[i] = element.apply(new ItemReader(table, key, entry.m(), path + entryPath + "."));
        }
        return List.of(read);
    }

    /** Converts with {@code convert}, reporting a rejected value (a domain rule) as corruption of {@code name}. */
    <T> T convert(String name, Function<String, T> convert) {
        String text = string(name);
        try {
            return convert.apply(text);
        } catch (RuntimeException e) {
            throw corrupt(name, "has an invalid value (" + e.getMessage() + ")");
        }
    }

    CorruptItem corrupt(String name, String problem) {
        return new CorruptItem(table, key, "attribute " + path + name + " " + problem);
    }

    CorruptItem corruptItem(String problem, RuntimeException cause) {
        return new CorruptItem(table, key, problem, cause);
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] newArray(int size) {
        return (T[]) new Object[size];
    }
}
