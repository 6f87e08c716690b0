package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The execution service: StartExecution, DescribeExecution, GetExecutionHistory, ListExecutions and
 * StopExecution for state machines run by the embedded interpreter. Executions are kept in memory.
 */
public final class Executions {

    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    private final Interpreter.Env env;
    private final Map<String, Execution> byArn = new ConcurrentHashMap<>();

    /** A service in us-east-1 with non-deterministic jitter and ids. */
    public Executions(TaskInvoker invoker, Scheduler scheduler) {
        this(invoker, scheduler, new Random(), "us-east-1");
    }

    /** A service whose jitter, request ids and States.UUID come from {@code random} (seed it in tests). */
    public Executions(TaskInvoker invoker, Scheduler scheduler, Random random, String region) {
        this.env = new Interpreter.Env(scheduler, invoker, random, region);
    }

    /**
     * Starts an execution named {@code name} (a random UUID when null). Starting the same name again with an
     * equal input returns the existing execution; with a different input it throws {@link ExecutionAlreadyExists}.
     *
     * @throws IllegalArgumentException when the input is not JSON or the name is not a valid execution name
     */
    public Execution start(StateMachine machine, String name, String inputJson) {
        String executionName = name == null ? env.uuid() : name;
        if (!NAME.matcher(executionName).matches()) {
            throw new IllegalArgumentException("Invalid Name: '" + executionName + "'");
        }
        JsonNode input = Json.parse(inputJson == null ? "{}" : inputJson);
        String arn = machine.arn().replace(":stateMachine:", ":execution:") + ":" + executionName;
        Execution execution = new Execution(arn, executionName, machine, input, env.scheduler().now());
        // Atomic claim of the name, without a lock every start would queue behind.
        Execution existing = byArn.putIfAbsent(arn, execution);
        if (existing != null) {
            if (existing.input().equals(input)) {
                return existing;
            }
            throw new ExecutionAlreadyExists(arn);
        }
        new Interpreter(env, execution).start();
        return execution;
    }

    /** Finds an execution by ARN, or by name (the most recent one with that name). */
    public Optional<Execution> find(String arnOrName) {
        Execution byKey = byArn.get(arnOrName);
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return list().stream().filter(e -> e.name().equals(arnOrName)).findFirst();
    }

    /** All executions, newest first. */
    public List<Execution> list() {
        List<Execution> all = new ArrayList<>(byArn.values());
        all.sort(Comparator.comparing(Execution::startDate).reversed().thenComparing(Execution::arn));
        return all;
    }

    /** The executions of one state machine, newest first. */
    public List<Execution> list(String stateMachineArn) {
        return list().stream().filter(e -> e.stateMachine().arn().equals(stateMachineArn)).toList();
    }

    /** StopExecution: ABORTED with an ExecutionAborted event; false when unknown or already closed. */
    public boolean stop(String executionArn, String error, String cause) {
        Execution execution = byArn.get(executionArn);
        if (execution == null) {
            return false;
        }
        var details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        List<HistoryEvent> history = execution.history();
        long previous = history.isEmpty() ? 0 : history.get(history.size() - 1).id();
        return execution.close(env.scheduler().now(), ExecutionStatus.ABORTED, null, error, cause, "ExecutionAborted",
                previous, details);
    }
}
