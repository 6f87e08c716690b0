package dev.ordersprofiles.local.stepfunctions;

import dev.ordersprofiles.local.asl.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state machines the local Step Functions knows: the template's, present from the start, and those made
 * through CreateStateMachine. An update replaces the definition for new executions; running ones keep theirs.
 */
public final class StateMachines {

    /** One state machine as DescribeStateMachine shows it. */
    public record Entry(StateMachine machine, String type, String roleArn, Instant creationDate, String revisionId) {
        public String arn() {
            return machine.arn();
        }

        public String name() {
            return machine.name();
        }
    }

    private final Map<String, Entry> byArn = new ConcurrentHashMap<>();

    /** Adds a machine; false when its ARN is taken. */
    public boolean add(StateMachine machine, String type, String roleArn, Instant at) {
        return byArn.putIfAbsent(machine.arn(), new Entry(machine, type, roleArn, at, UUID.randomUUID().toString()))
                == null;
    }

    /** Replaces the definition (and role, when given) of a known machine; empty when unknown. */
    public Optional<Entry> update(StateMachine machine, String roleArn) {
        Entry updated = byArn.computeIfPresent(machine.arn(), (arn, old) -> new Entry(machine, old.type(),
                roleArn == null ? old.roleArn() : roleArn, old.creationDate(), UUID.randomUUID().toString()));
        return Optional.ofNullable(updated);
    }

    public Optional<Entry> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public boolean remove(String arn) {
        return byArn.remove(arn) != null;
    }

    /** All machines, by name. */
    public List<Entry> list() {
        List<Entry> all = new ArrayList<>(byArn.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }
}
