package dev.ordersprofiles.local.store;

import dev.ordersprofiles.local.template.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store layer needs of a template table: its name, its key attributes (hash first), the stream's view
 * type when it has a StreamSpecification, and the TTL attribute when TimeToLiveSpecification is enabled.
 */
public record TableSpec(String name, List<String> keyAttributes, Optional<String> streamViewType,
                        Optional<String> ttlAttribute) {
    public static final List<String> VIEW_TYPES = List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");

    public TableSpec {
        keyAttributes = List.copyOf(keyAttributes);
        if (keyAttributes.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no KeySchema");
        }
        streamViewType.ifPresent(view -> {
            if (!VIEW_TYPES.contains(view)) {
                throw new IllegalArgumentException("table " + name + ": StreamViewType " + view + " is not one of "
                        + VIEW_TYPES);
            }
        });
    }

    /** @throws IllegalArgumentException when the definition lacks a key schema or has an unknown view type */
    public static TableSpec of(TableDef table) {
        Map<String, Object> p = table.properties();
        List<String> keys = new ArrayList<>();
        for (String type : List.of("HASH", "RANGE")) {
            for (Map<String, Object> k : Props.list(p.get("KeySchema"))) {
                if (type.equals(Props.text(k, "KeyType"))) {
                    keys.add(Props.text(k, "AttributeName"));
                }
            }
        }
        Map<String, Object> stream = Props.map(p.get("StreamSpecification"));
        Optional<String> view = stream.isEmpty() ? Optional.empty() : Optional.of(Props.text(stream, "StreamViewType"));
        Map<String, Object> ttl = Props.map(p.get("TimeToLiveSpecification"));
        Optional<String> ttlAttribute = !ttl.isEmpty() && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))
                ? Optional.of(Props.text(ttl, "AttributeName")) : Optional.empty();
        return new TableSpec(table.name(), keys, view, ttlAttribute);
    }

    public boolean hasStream() {
        return streamViewType.isPresent();
    }
}
