package dev.ordersprofiles.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads CloudFormation YAML, turning the short-form intrinsic tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, …)
 * into their long JSON forms ({@code {"Ref": …}}, {@code {"Fn::GetAtt": […]}}, …), so the rest of the reader
 * sees one shape only.
 */
final class CloudFormationYaml {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString",
            "Length");

    private CloudFormationYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root = new Yaml(new Constructor(options)).load(yaml);
        if (!(root instanceof Map)) {
            throw new TemplateException("the template is not a YAML mapping");
        }
        return (Map<String, Object>) root;
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private Object value(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put(name, value(node));
                return call;
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object arguments = value(node);
                if (arguments instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    if (dot < 0) {
                        throw new TemplateException("!GetAtt " + dotted + " needs Resource.Attribute");
                    }
                    arguments = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("Fn::GetAtt", arguments);
                return call;
            }
        }
    }
}
