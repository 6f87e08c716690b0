package dev.ordersprofiles.sam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A parsed SAM template with the few views the checks need. Maps are the raw parsed YAML. */
final class Template {
    static final Path SAM_DIR = Path.of(System.getProperty("sam.dir", ".")).toAbsolutePath().normalize();
    static final Path REPO = SAM_DIR.getParent();
    static final Path TEMPLATE_FILE = SAM_DIR.resolve("template.yaml");

    final String text;
    final Map<String, Object> root;

    private Template(String text) {
        this.text = text;
        this.root = CfnYaml.parse(text);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Template load() {
        return new Template(read(TEMPLATE_FILE));
    }

    static Template of(String text) {
        return new Template(text);
    }

    /** A copy of the real template with one textual change; fails if the text to replace is not there exactly once. */
    static Template mutated(String find, String replacement) {
        String original = read(TEMPLATE_FILE);
        int at = original.indexOf(find);
        if (at < 0 || original.indexOf(find, at + 1) >= 0) {
            throw new IllegalArgumentException("mutation target must occur exactly once: " + find);
        }
        return new Template(original.substring(0, at) + replacement + original.substring(at + find.length()));
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    Map<String, Object> parameters() {
        return map(root.getOrDefault("Parameters", Map.of()));
    }

    Map<String, Object> resource(String id) {
        return map(resources().get(id));
    }

    String type(String id) {
        return (String) resource(id).get("Type");
    }

    Map<String, Object> properties(String id) {
        return map(resource(id).getOrDefault("Properties", Map.of()));
    }

    /** Logical ids of resources of the given type, in template order. */
    List<String> ofType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A function's properties with Globals.Function merged in (one level, Environment.Variables merged). */
    Map<String, Object> functionProperties(String id) {
        Map<String, Object> globals = map(map(root.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(properties(id));
        Map<String, Object> variables = new LinkedHashMap<>(envVars(globals));
        variables.putAll(envVars(properties(id)));
        merged.put("Environment", Map.of("Variables", variables));
        return merged;
    }

    private static Map<String, Object> envVars(Map<String, Object> props) {
        return map(map(props.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
    }

    /** "METHOD /path" of every Api event of every function. */
    TreeSet<String> apiRoutes() {
        TreeSet<String> routes = new TreeSet<>();
        for (String fn : ofType("AWS::Serverless::Function")) {
            map(properties(fn).getOrDefault("Events", Map.of())).forEach((name, e) -> {
                Map<String, Object> event = map(e);
                if ("Api".equals(event.get("Type"))) {
                    Map<String, Object> p = map(event.get("Properties"));
                    routes.add(String.valueOf(p.get("Method")).toUpperCase() + " " + p.get("Path"));
                }
            });
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List) {
            return (List<Object>) o;
        }
        return List.of(o);
    }
}
