package dev.ordersprofiles.local.template;

/** A state machine, its ASL definition text with the DefinitionSubstitutions already applied. */
public record StateMachineDef(String logicalId, String name, String arn, String definition) {
}
