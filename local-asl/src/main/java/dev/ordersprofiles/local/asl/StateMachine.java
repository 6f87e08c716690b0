package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loaded, validated state machine definition. Loading fails with {@link AslDefinitionException} for invalid
 * ASL and for constructs this interpreter does not support.
 */
public final class StateMachine {

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}"
            + "(/[^\\s:/]{1,40})?");

    private final String arn;
    private final String name;
    private final JsonNode definition;
    private final State.Branch top;
    private final Integer timeoutSeconds;

    private StateMachine(String arn, JsonNode definition, DefinitionParser.Parsed parsed) {
        this.arn = arn;
        this.name = arn.substring(arn.lastIndexOf(':') + 1);
        this.definition = definition;
        this.top = parsed.top();
        this.timeoutSeconds = parsed.timeoutSeconds();
    }

    /**
     * The state machine a Distributed Map's child executions run: its ItemProcessor, under the ARN AWS gives it
     * ({@code <machine ARN>/<label or id>}).
     */
    static StateMachine child(String arn, JsonNode processor) {
        return new StateMachine(arn, processor, DefinitionParser.parse(processor));
    }

    /** The ARN Step Functions would give a state machine called {@code name}. */
    public static String arnFor(String region, String accountId, String name) {
        return "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + name;
    }

    /** Loads a definition; {@code arn} must be a stateMachine ARN (see {@link #arnFor}). */
    public static StateMachine load(String arn, String definitionJson) {
        return load(arn, definitionJson, Map.of());
    }

    /**
     * Loads a definition after replacing {@code ${Name}} placeholders as CloudFormation's DefinitionSubstitutions
     * does. A placeholder left without a value is a load error.
     */
    public static StateMachine load(String arn, String definitionJson, Map<String, String> substitutions) {
        if (arn == null || !ARN.matcher(arn).matches()) {
            throw new AslDefinitionException("'" + arn + "' is not a state machine ARN");
        }
        Matcher m = SUBSTITUTION.matcher(definitionJson);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            if (value == null) {
                throw new AslDefinitionException("definition substitution ${" + m.group(1) + "} has no value");
            }
            String escaped = Json.write(Json.NODES.textNode(value));
            m.appendReplacement(text, Matcher.quoteReplacement(escaped.substring(1, escaped.length() - 1)));
        }
        m.appendTail(text);
        JsonNode definition;
        try {
            definition = Json.parse(text.toString());
        } catch (IllegalArgumentException e) {
            throw new AslDefinitionException("the definition is not valid JSON: " + e.getMessage());
        }
        return new StateMachine(arn, definition, DefinitionParser.parse(definition));
    }

    /**
     * Refuses what CreateStateMachine refuses for an EXPRESS machine: the job-run ({@code .sync}, {@code .sync:2})
     * and callback ({@code .waitForTaskToken}) integration patterns, in any state of the definition.
     *
     * @throws AslDefinitionException with Step Functions' SCHEMA_VALIDATION_FAILED message
     */
    public void requireExpressCompatible() {
        checkExpress(top);
    }

    private static void checkExpress(State.Branch branch) {
        for (State s : branch.states().values()) {
            if (s.task() != null) {
                java.util.regex.Matcher pattern = Pattern.compile("(\\.sync(?::2)?|\\.waitForTaskToken)$")
                        .matcher(s.task().resource());
                if (pattern.find()) {
                    throw new AslDefinitionException("SCHEMA_VALIDATION_FAILED: Express state machine does not support '"
                            + (pattern.group(1).startsWith(".sync") ? ".sync" : ".waitForTaskToken")
                            + "' service integration.");
                }
            }
            if (s.branches() != null) {
                s.branches().forEach(StateMachine::checkExpress);
            }
            if (s.iterator() != null) {
                checkExpress(s.iterator());
            }
        }
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    /** The definition JSON (after substitutions), read-only by convention. */
    public JsonNode definition() {
        return definition;
    }

    State.Branch top() {
        return top;
    }

    Integer timeoutSeconds() {
        return timeoutSeconds;
    }
}
