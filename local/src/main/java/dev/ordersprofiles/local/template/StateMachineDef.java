package dev.ordersprofiles.local.template;

/**
 * A state machine, its ASL definition text with the DefinitionSubstitutions already applied, and its SAM {@code Type}
 * (STANDARD, the default, or EXPRESS).
 */
public record StateMachineDef(String logicalId, String name, String arn, String definition, String type) {

    public StateMachineDef(String logicalId, String name, String arn, String definition) {
        this(logicalId, name, arn, definition, "STANDARD");
    }
}
