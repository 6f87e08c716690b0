package dev.ordersprofiles.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The operations of contracts/openapi.yaml: "METHOD /path" -> documented response status codes. */
final class OpenApi {
    static final Path FILE = Template.REPO.resolve("contracts/openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApi() {
    }

    static Map<String, Set<String>> operations(String yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> operations = new TreeMap<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return; // parameters, summary, ...
            }
            Set<String> statuses = new TreeSet<>();
            op.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
            operations.put(op.getKey().toUpperCase() + " " + path.getKey(), statuses);
        }));
        return operations;
    }

    static Map<String, Set<String>> operations() {
        return operations(Template.read(FILE));
    }
}
