package dev.ordersprofiles.local.store;

import java.util.List;
import java.util.Map;

/** Reading resolved CloudFormation properties (maps and lists from the template reader). */
final class Props {
    private Props() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("table definition lacks " + key);
        }
        return String.valueOf(value);
    }
}
