package dev.ordersprofiles.local.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's PostgreSQL databases, for {@code local-stack --postgres}: every {@code AWS::RDS::DBInstance} with
 * {@code Engine: postgres} whose condition holds under the given parameters, with its {@code DBName} and
 * {@code MasterUsername}, and what its {@code Metadata.LocalDatabase} entry asks for:
 * <pre>
 * Metadata:
 *   LocalDatabase:
 *     Settings:                 # ALTER DATABASE &lt;DBName&gt; SET name = value, before the migrations
 *       app.setting: !GetAtt SomeFunction.Arn
 *     Migrations:               # SQL files, relative to the template's folder, run in this order
 *       - db/001_schema.sql
 * </pre>
 * Intrinsics resolve as everywhere else in the local stack (a function's ARN is its local ARN). Read on its own,
 * from the same file as {@link TemplateReader}, so that the stack reads it only when it starts a database.
 */
public final class DatabaseInstances {
    /** The {@code Metadata} key this class reads. */
    public static final String METADATA_KEY = "LocalDatabase";

    private DatabaseInstances() {
    }

    /**
     * One PostgreSQL instance of the template.
     *
     * @param migrations absolute paths, in order
     * @param settings   database-level settings, in the template's order
     */
    public record Database(String logicalId, String dbName, String masterUsername, List<Path> migrations,
                           Map<String, String> settings) {
        public Database {
            migrations = List.copyOf(migrations);
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /**
     * The databases, and the logical ids of those left out by their condition (to tell the user which
     * parameter would bring them in).
     */
    public record Found(List<Database> databases, Map<String, String> skippedByCondition) {
        public Found {
            databases = List.copyOf(databases);
            skippedByCondition = Map.copyOf(skippedByCondition);
        }
    }

    /**
     * @param parameters every parameter's value, e.g. {@link Template#parameters()}
     * @throws TemplateException naming what is wrong
     */
    public static Found read(Path file, Map<String, String> parameters) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage());
        }
        Map<String, Object> root = CloudFormationYaml.load(text);
        Map<String, Object> resources = TemplateReader.map(root.get("Resources"), "Resources");
        Map<String, Object> conditions = root.containsKey("Conditions")
                ? TemplateReader.map(root.get("Conditions"), "Conditions") : Map.of();
        Resolver resolver = new Resolver(parameters, conditions, resources);
        Path baseDir = file.toAbsolutePath().getParent();
        List<Database> databases = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            String id = entry.getKey();
            Map<String, Object> resource = TemplateReader.map(entry.getValue(), "Resources." + id);
            if (!"AWS::RDS::DBInstance".equals(resource.get("Type"))) {
                continue;
            }
            Map<String, Object> properties = resource.containsKey("Properties")
                    ? TemplateReader.map(resource.get("Properties"), id + ".Properties") : Map.of();
            String engine = String.valueOf(resolver.resolve(properties.get("Engine"), id + ".Properties.Engine"));
            if (!engine.equals("postgres")) {
                continue;
            }
            if (resource.containsKey("Condition") && !resolver.condition(String.valueOf(resource.get("Condition")))) {
                skipped.put(id, String.valueOf(resource.get("Condition")));
                continue;
            }
            databases.add(database(id, resource, properties, resolver, baseDir));
        }
        return new Found(databases, skipped);
    }

    private static Database database(String id, Map<String, Object> resource, Map<String, Object> properties,
                                     Resolver resolver, Path baseDir) {
        String where = id + ".Properties";
        String dbName = properties.containsKey("DBName")
                ? String.valueOf(resolver.resolve(properties.get("DBName"), where + ".DBName")) : "postgres";
        String master = properties.containsKey("MasterUsername")
                ? String.valueOf(resolver.resolve(properties.get("MasterUsername"), where + ".MasterUsername"))
                : "postgres";
        for (String[] name : new String[][] {{"DBName", dbName}, {"MasterUsername", master}}) {
            if (!name[1].matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
                throw new TemplateException(where + "." + name[0] + " " + name[1]
                        + " is not a PostgreSQL name (a letter, then letters, digits or _)");
            }
        }
        List<Path> migrations = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        Object metadata = resource.get("Metadata");
        if (metadata != null) {
            String at = id + ".Metadata";
            Map<String, Object> meta = TemplateReader.map(metadata, at);
            if (meta.containsKey(METADATA_KEY)) {
                at += "." + METADATA_KEY;
                Map<String, Object> local = TemplateReader.map(resolver.resolve(meta.get(METADATA_KEY), at), at);
                for (String key : local.keySet()) {
                    if (!key.equals("Settings") && !key.equals("Migrations")) {
                        throw new TemplateException(at + ": unknown key " + key + " (Settings, Migrations)");
                    }
                }
                if (local.containsKey("Settings")) {
                    for (Map.Entry<String, Object> s : TemplateReader.map(local.get("Settings"), at + ".Settings")
                            .entrySet()) {
                        if (!s.getKey().matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_.]*")) {
                            throw new TemplateException(at + ".Settings: " + s.getKey()
                                    + " is not a custom setting name (prefix.name)");
                        }
                        settings.put(s.getKey(), String.valueOf(s.getValue()));
                    }
                }
                if (local.containsKey("Migrations")) {
                    if (!(local.get("Migrations") instanceof List<?> files)) {
                        throw new TemplateException(at + ".Migrations must be a list of SQL files");
                    }
                    for (Object f : files) {
                        Path path = baseDir.resolve(String.valueOf(f)).normalize();
                        if (!Files.isRegularFile(path)) {
                            throw new TemplateException(at + ".Migrations: " + f + " not found (looked at " + path
                                    + ")");
                        }
                        migrations.add(path);
                    }
                }
            }
        }
        return new Database(id, dbName, master, migrations, settings);
    }
}
