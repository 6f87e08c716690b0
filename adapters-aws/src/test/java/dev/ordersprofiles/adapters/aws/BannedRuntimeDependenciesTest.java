package dev.ordersprofiles.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersprofiles.adapters.aws.client.AwsJsonClient;
import dev.ordersprofiles.adapters.aws.dynamodb.DynamoDb;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The AWS SDK must never reach a function's classpath again: our own AWS JSON client replaced it because its
 * client construction and per-call pipeline were most of a cold start (docs/performance.md). The SDK is still in
 * this module's test scope, as an oracle, so "is an SDK class loadable?" proves nothing here, and the test
 * classpath does not say which jars are runtime ones. So this looks at what decides the runtime classpath:
 * <ul>
 *   <li>the main classes ({@code target/classes}): no constant of any class file may name an SDK class or package
 *       (constant-pool strings cover every class, method and field reference, descriptors and reflection
 *       strings), nor jackson-databind, whose reflection-heavy start the streaming jackson-core avoids; and every
 *       class they reference belongs to the JDK, jackson-core or our own modules, so any new runtime library is a
 *       decision someone takes here, not an accident;</li>
 *   <li>the module's POM: every direct {@code software.amazon.awssdk} dependency is test-scoped, and none on
 *       jackson-databind is on the runtime classpath.</li>
 * </ul>
 * The other runtime dependencies, our application and domain modules, depend on no library at all (their POMs,
 * and handlers' ArchitectureTest).
 */
class BannedRuntimeDependenciesTest {
    private static final List<String> BANNED = List.of("software/amazon/awssdk", "software.amazon.awssdk",
            "com/fasterxml/jackson/databind", "com.fasterxml.jackson.databind");
    private static final List<String> ALLOWED_CLASS_PREFIXES = List.of("java/", "javax/",
            "com/fasterxml/jackson/core/", "dev/ordersprofiles/");
    private static final List<String> TEST_ONLY_SCOPES = List.of("test");

    private static Map<String, ConstantPool> mainClasses;

    @BeforeAll
    static void readMainClasses() throws IOException, URISyntaxException {
        Path classes = Paths.get(AwsJsonClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes).as("the main classes are a directory (target/classes)").isDirectory();
        mainClasses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(file -> file.toString().endsWith(".class"))
                    .forEach(file -> mainClasses.put(classes.relativize(file).toString(), ConstantPool.read(file)));
        }
    }

    @Test
    void the_scan_sees_the_main_classes() {
        assertThat(mainClasses.keySet())
                .contains(classFile(AwsJsonClient.class), classFile(DynamoDb.class), classFile(AwsAdapters.class))
                .hasSizeGreaterThan(20);
    }

    @Test
    void no_main_class_refers_to_the_aws_sdk_or_jackson_databind() {
        Map<String, List<String>> offenders = new TreeMap<>();
        mainClasses.forEach((file, pool) -> {
            List<String> banned = pool.strings().stream()
                    .filter(text -> BANNED.stream().anyMatch(text::contains))
                    .toList();
            if (!banned.isEmpty()) {
                offenders.put(file, banned);
            }
        });

        assertThat(offenders).as("main classes naming a banned library").isEmpty();
    }

    @Test
    void main_classes_use_nothing_but_the_jdk_jackson_core_and_our_modules() {
        Map<String, List<String>> offenders = new TreeMap<>();
        mainClasses.forEach((file, pool) -> {
            List<String> foreign = pool.classNames().stream()
                    .map(BannedRuntimeDependenciesTest::elementType)
                    .filter(name -> !name.isEmpty())
                    .filter(name -> ALLOWED_CLASS_PREFIXES.stream().noneMatch(name::startsWith))
                    .toList();
            if (!foreign.isEmpty()) {
                offenders.put(file, foreign);
            }
        });

        assertThat(offenders).as("main classes referring to classes of another library").isEmpty();
    }

    @Test
    void the_pom_keeps_the_sdk_and_jackson_databind_off_the_runtime_classpath() throws Exception {
        Path pom = Paths.get("pom.xml");
        assertThat(pom).as("run from the module directory").isRegularFile();
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();

        List<String> dependencies = new ArrayList<>();
        List<String> runtimeOffenders = new ArrayList<>();
        for (Element dependency : children(child(project, "dependencies"), "dependency")) {
            String groupId = text(dependency, "groupId");
            String artifactId = text(dependency, "artifactId");
            String scope = text(dependency, "scope");
            dependencies.add(groupId + ":" + artifactId);
            boolean banned = groupId.equals("software.amazon.awssdk")
                    || artifactId.equals("jackson-databind");
            if (banned && !TEST_ONLY_SCOPES.contains(scope)) {
                runtimeOffenders.add(groupId + ":" + artifactId + " (scope " + (scope.isEmpty() ? "compile" : scope)
                        + ")");
            }
        }

        assertThat(dependencies).as("the SDK oracle is there, so this check is not vacuous")
                .contains("software.amazon.awssdk:dynamodb");
        assertThat(runtimeOffenders).isEmpty();
    }

    private static String classFile(Class<?> type) {
        return type.getName().replace('.', File.separatorChar) + ".class";
    }

    /** {@code [[Lcom/x/Y;} → {@code com/x/Y}; arrays of primitives → empty. */
    private static String elementType(String className) {
        String name = className;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            return name.substring(1, name.length() - 1);
        }
        return className.startsWith("[") ? "" : name;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<" + name + "> in <" + parent.getTagName() + ">").hasSize(1);
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    /**
     * The strings (CONSTANT_Utf8) and class names (CONSTANT_Class) of one class file's constant pool, read as
     * JVMS §4.4 lays it out; nothing else of the class file is needed.
     */
    record ConstantPool(List<String> strings, List<String> classNames) {
        static ConstantPool read(Path file) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                if (in.readInt() != 0xCAFEBABE) {
                    throw new IOException(file + " is not a class file");
                }
                in.readUnsignedShort(); // minor version
                in.readUnsignedShort(); // major version
                int count = in.readUnsignedShort();
                String[] utf8 = new String[count];
                List<Integer> classNameIndexes = new ArrayList<>();
                for (int i = 1; i < count; i++) {
                    int tag = in.readUnsignedByte();
                    switch (tag) {
                        case 1 -> utf8[i] = in.readUTF();
                        case 7 -> classNameIndexes.add(in.readUnsignedShort());
                        case 8, 16, 19, 20 -> in.skipBytes(2);
                        case 15 -> in.skipBytes(3);
                        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                        case 5, 6 -> {
                            in.skipBytes(8);
                            i++; // a long or double takes two entries
                        }
                        default -> throw new IOException(file + ": unknown constant pool tag " + tag + " at " + i);
                    }
                }
                List<String> strings = new ArrayList<>();
                for (String text : utf8) {
                    if (text != null) {
                        strings.add(text);
                    }
                }
                List<String> classNames = classNameIndexes.stream().map(index -> utf8[index]).toList();
                return new ConstantPool(strings, classNames);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
