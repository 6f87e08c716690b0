package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The execution service: StartExecution, DescribeExecution, GetExecutionHistory, ListExecutions, StopExecution and
 * RedriveExecution for state machines run by the embedded interpreter.
 *
 * <p>Executions live in memory and, with an {@link ExecutionJournal}, on disk: {@link #recover} reads them back
 * after a restart and continues those that were RUNNING. Finished executions are kept by a {@link Retention}
 * rule (a count and an age), evicted from memory and journal alike, oldest first.
 */
public final class Executions implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    /** How many finished executions are kept, and for how long after they finished. */
    public record Retention(int maxFinished, Duration maxAge) {
        public static final Retention DEFAULT = new Retention(10_000, Duration.ofHours(24));

        public Retention {
            if (maxFinished < 0 || maxAge.isNegative()) {
                throw new IllegalArgumentException("retention needs a count >= 0 and an age >= 0");
            }
        }
    }

    private final MapRuns mapRuns = new MapRuns();
    private final Interpreter.Env env;
    private final ExecutionJournal journal;
    private final Retention retention;
    private final Map<String, Execution> byArn = new ConcurrentHashMap<>();
    /** Finished executions in the order they finished: the eviction queue. */
    private final ConcurrentLinkedDeque<Execution> finished = new ConcurrentLinkedDeque<>();
    /** The deque's size (its own size() walks it). */
    private final AtomicInteger finishedCount = new AtomicInteger();
    /**
     * The most recent EXPRESS executions, in memory only and never journaled (as on AWS, an express execution is not
     * durable and has no API-visible history); bounded to {@link #EXPRESS_KEPT} for the console.
     */
    private final java.util.LinkedHashMap<String, Execution> express = new java.util.LinkedHashMap<>();
    /** How many recent EXPRESS executions the service remembers. */
    public static final int EXPRESS_KEPT = 100;

    /** A service in us-east-1 with non-deterministic jitter and ids. */
    public Executions(TaskInvoker invoker, Scheduler scheduler) {
        this(invoker, scheduler, new Random(), "us-east-1");
    }

    /** A service whose jitter, request ids and States.UUID come from {@code random} (seed it in tests). */
    public Executions(TaskInvoker invoker, Scheduler scheduler, Random random, String region) {
        this(invoker, scheduler, random, region, null, Retention.DEFAULT);
    }

    /** A service that records executions in {@code journal} (null: memory only) and keeps them by {@code retention}. */
    public Executions(TaskInvoker invoker, Scheduler scheduler, Random random, String region,
                      ExecutionJournal journal, Retention retention) {
        this(invoker, ServiceIntegration.NONE, scheduler, random, region, journal, retention);
    }

    /** As above, with the optimized service integrations other than Lambda answered by {@code services}. */
    public Executions(TaskInvoker invoker, ServiceIntegration services, Scheduler scheduler, Random random,
                      String region, ExecutionJournal journal, Retention retention) {
        this.env = new Interpreter.Env(scheduler, invoker, random, region, new TaskTokens(), services,
                new MapRunChildren());
        this.journal = journal;
        this.retention = retention;
    }

    /**
     * Reads back what the journal recorded: finished executions as they ended, RUNNING ones continued from the last
     * top-level state they entered (see {@link Interpreter#resume}). {@code machines} gives the state machine a
     * recorded execution ran, from its ARN and the definition text it was started with.
     *
     * @return how many executions were continued
     */
    public int recover(DefinitionLoader machines) {
        if (journal == null) {
            return 0;
        }
        List<Execution> running = new ArrayList<>();
        List<Execution> closed = new ArrayList<>();
        Map<String, StateMachine> loaded = new HashMap<>();
        for (ExecutionJournal.Recorded r : journal.recorded()) {
            if (r.history().isEmpty()) {
                continue;
            }
            StateMachine machine = loaded.computeIfAbsent(r.stateMachineArn() + "\n" + r.definition(),
                    key -> machines.load(r.stateMachineArn(), r.definition()));
            Execution execution = new Execution(r.arn(), r.name(), machine, Json.parse(r.input()), r.startDate(),
                    journal, r.mockTestCase(), false, r.mapRunArn());
            restore(execution, r.history());
            mapRuns.restore(execution, r.history());
            byArn.put(execution.arn(), execution);
            (execution.isClosed() ? closed : running).add(execution);
        }
        closed.sort(Comparator.comparing(Execution::stopDate));
        finished.addAll(closed);
        finishedCount.addAndGet(closed.size());
        evict();
        for (Execution execution : running) {
            watch(execution);
            new Interpreter(env, execution).resume();
        }
        return running.size();
    }

    /** Loads the state machine a recorded execution ran. */
    @FunctionalInterface
    public interface DefinitionLoader {
        StateMachine load(String stateMachineArn, String definition);
    }

    private static void restore(Execution execution, List<HistoryEvent> history) {
        ExecutionStatus status = ExecutionStatus.RUNNING;
        JsonNode output = null;
        String error = null;
        String cause = null;
        Instant stop = null;
        int redrives = 0;
        Instant redriven = null;
        for (HistoryEvent event : history) {
            switch (event.type()) {
                case "ExecutionRedriven" -> {
                    redrives++;
                    redriven = event.timestamp();
                    status = ExecutionStatus.RUNNING;
                    output = null;
                    error = null;
                    cause = null;
                    stop = null;
                }
                case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut" -> {
                    status = switch (event.type()) {
                        case "ExecutionSucceeded" -> ExecutionStatus.SUCCEEDED;
                        case "ExecutionFailed" -> ExecutionStatus.FAILED;
                        case "ExecutionAborted" -> ExecutionStatus.ABORTED;
                        default -> ExecutionStatus.TIMED_OUT;
                    };
                    output = event.details().hasNonNull("output")
                            ? Json.parse(event.details().get("output").asText()) : null;
                    error = event.details().hasNonNull("error") ? event.details().get("error").asText() : null;
                    cause = event.details().hasNonNull("cause") ? event.details().get("cause").asText() : null;
                    stop = event.timestamp();
                }
                default -> { }
            }
        }
        execution.restore(history, status, output, error, cause, stop, redrives, redriven);
    }

    /**
     * Starts an execution named {@code name} (a random UUID when null). Starting the same name again with an
     * equal input returns the existing execution; with a different input it throws {@link ExecutionAlreadyExists}.
     *
     * @throws IllegalArgumentException when the input is not JSON or the name is not a valid execution name
     */
    public Execution start(StateMachine machine, String name, String inputJson) {
        return start(machine, name, inputJson, null);
    }

    /**
     * Starts an execution whose Task states named in {@code mocks} answer from it instead of calling their
     * service (null: none mocked); as {@link #start(StateMachine, String, String)} otherwise.
     */
    public Execution start(StateMachine machine, String name, String inputJson, MockTestCase mocks) {
        String executionName = name == null ? env.uuid() : name;
        if (!NAME.matcher(executionName).matches()) {
            throw new IllegalArgumentException("Invalid Name: '" + executionName + "'");
        }
        JsonNode input = Json.parse(inputJson == null ? "{}" : inputJson);
        String arn = machine.arn().replace(":stateMachine:", ":execution:") + ":" + executionName;
        Execution execution = new Execution(arn, executionName, machine, input, env.scheduler().now(), journal,
                mocks);
        // Atomic claim of the name, without a lock every start would queue behind.
        Execution existing = byArn.putIfAbsent(arn, execution);
        if (existing != null) {
            if (existing.input().equals(input)) {
                return existing;
            }
            throw new ExecutionAlreadyExists(arn);
        }
        watch(execution);
        new Interpreter(env, execution).start();
        evict();
        return execution;
    }

    /**
     * Starts an execution of an EXPRESS state machine: asynchronous, named {@code name} (a random UUID when null;
     * names need not be unique), with an ARN {@code arn:aws:states:<region>:<account>:express:<machine>:<name>:<uuid>};
     * it is not journaled (not durable across a restart), is not subject to the retention of standard executions
     * and times out after five minutes (States.Timeout). The service remembers the {@link #EXPRESS_KEPT} most recent.
     *
     * @throws IllegalArgumentException when the input is not JSON or the name is not a valid execution name
     */
    public Execution startExpress(StateMachine machine, String name, String inputJson, MockTestCase mocks) {
        String executionName = name == null ? env.uuid() : name;
        if (!NAME.matcher(executionName).matches()) {
            throw new IllegalArgumentException("Invalid Name: '" + executionName + "'");
        }
        JsonNode input = Json.parse(inputJson == null ? "{}" : inputJson);
        String arn = machine.arn().replace(":stateMachine:", ":express:") + ":" + executionName + ":" + env.uuid();
        Execution execution = new Execution(arn, executionName, machine, input, env.scheduler().now(), null, mocks,
                true, null);
        synchronized (express) {
            express.put(arn, execution);
            var oldest = express.keySet().iterator();
            while (express.size() > EXPRESS_KEPT) {
                oldest.next();
                oldest.remove();
            }
        }
        new Interpreter(env, execution).start();
        return execution;
    }

    /**
     * RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution runs again from the last top-level state it
     * entered, with an {@code ExecutionRedriven} event.
     *
     * @throws java.util.NoSuchElementException when the execution is unknown
     * @throws IllegalStateException when it is RUNNING or SUCCEEDED
     */
    public Execution redrive(String executionArn) {
        Execution execution = Optional.ofNullable(byArn.get(executionArn)).orElseThrow();
        execution.reopen(env.scheduler().now());
        if (finished.remove(execution)) {
            finishedCount.decrementAndGet();
        }
        watch(execution);
        new Interpreter(env, execution).resume();
        return execution;
    }

    /** Finds an execution by ARN, or by name (the most recent one with that name). */
    public Optional<Execution> find(String arnOrName) {
        Execution byKey = byArn.get(arnOrName);
        if (byKey == null) {
            synchronized (express) {
                byKey = express.get(arnOrName);
            }
        }
        if (byKey != null || arnOrName.indexOf(':') >= 0) {
            // A name has no ':' (NAME), so an ARN that is not held names nothing. StartExecution asks this for every
            // new ARN: sorting every execution held for it cost ~4 ms of CPU per start with 10,000 held.
            return Optional.ofNullable(byKey);
        }
        // The newest with that name, in list()'s order (start date, then ARN), without sorting them all.
        List<Execution> candidates = new ArrayList<>();
        for (Execution e : byArn.values()) {
            if (e.name().equals(arnOrName)) {
                candidates.add(e);
            }
        }
        synchronized (express) {
            for (Execution e : express.values()) {
                if (e.name().equals(arnOrName)) {
                    candidates.add(e);
                }
            }
        }
        return candidates.stream().min(NEWEST_FIRST);
    }

    private static final Comparator<Execution> NEWEST_FIRST =
            Comparator.comparing(Execution::startDate).reversed().thenComparing(Execution::arn);

    /** All executions (standard ones and the recent EXPRESS ones), newest first. */
    public List<Execution> list() {
        List<Execution> all = new ArrayList<>(byArn.values());
        synchronized (express) {
            all.addAll(express.values());
        }
        all.sort(NEWEST_FIRST);
        return all;
    }

    /** The executions of one state machine, newest first. */
    public List<Execution> list(String stateMachineArn) {
        return list().stream().filter(e -> e.stateMachine().arn().equals(stateMachineArn)).toList();
    }

    /** The Map Runs of Distributed Map states (DescribeMapRun, ListMapRuns, UpdateMapRun). */
    public MapRuns mapRuns() {
        return mapRuns;
    }

    /** The child executions a Map Run started (ListExecutions with mapRunArn), newest first. */
    public List<Execution> children(String mapRunArn) {
        return list().stream().filter(e -> e.mapRunArn().filter(mapRunArn::equals).isPresent()).toList();
    }

    /** A Distributed Map's children: STANDARD ones journaled and retained like any execution, EXPRESS ones not. */
    private final class MapRunChildren implements Interpreter.Children {
        @Override
        public Execution start(StateMachine machine, String arn, String name, JsonNode input, boolean express,
                               String mapRunArn) {
            if (!express) {
                Execution existing = byArn.get(arn);
                if (existing != null) {
                    return existing; // recovered from the journal: it continues (or has ended) on its own
                }
            }
            Execution child = new Execution(arn, name, machine, input, env.scheduler().now(), express ? null : journal,
                    null, express, mapRunArn);
            if (express) {
                synchronized (Executions.this.express) {
                    Executions.this.express.put(arn, child);
                    var oldest = Executions.this.express.keySet().iterator();
                    while (Executions.this.express.size() > EXPRESS_KEPT) {
                        oldest.next();
                        oldest.remove();
                    }
                }
            } else {
                Execution raced = byArn.putIfAbsent(arn, child);
                if (raced != null) {
                    return raced;
                }
                watch(child);
            }
            new Interpreter(env, child).start();
            evict();
            return child;
        }

        @Override
        public void abort(Execution child) {
            child.close(child.run(), env.scheduler().now(), ExecutionStatus.ABORTED, null, null, null,
                    "ExecutionAborted", child.lastEventId(), Json.object());
        }

        @Override
        public MapRuns mapRuns() {
            return mapRuns;
        }
    }

    /** How many executions are held (running and finished). */
    public int size() {
        return byArn.size();
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
        return execution.close(execution.run(), env.scheduler().now(), ExecutionStatus.ABORTED, null, error, cause,
                "ExecutionAborted", execution.lastEventId(), details);
    }

    /**
     * TestState: runs the start state of {@code machine} alone, once, on {@code input}; the execution is not listed,
     * journaled or kept (see {@link StateTest}).
     */
    java.util.concurrent.CompletableFuture<Interpreter.Transition> testState(StateMachine machine, JsonNode input,
                                                                             StateTest.Probe probe) {
        String name = env.uuid();
        Execution execution = new Execution(machine.arn().replace(":stateMachine:", ":execution:") + ":" + name, name,
                machine, input, env.scheduler().now(), null);
        execution.probe(probe);
        java.util.concurrent.CompletableFuture<Interpreter.Transition> done = new java.util.concurrent.CompletableFuture<>();
        env.scheduler().execute(() -> {
            try {
                new Interpreter(env, execution).testOne(probe).whenComplete((t, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        done.complete(t);
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * SendTaskSuccess: the {@code .waitForTaskToken} task holding {@code taskToken} succeeds with {@code outputJson}.
     *
     * @throws TaskTokenRejected InvalidToken, TaskDoesNotExist, TaskTimedOut or InvalidOutput
     */
    public void sendTaskSuccess(String taskToken, String outputJson) {
        env.tokens().success(taskToken, outputJson);
    }

    /** SendTaskFailure: the task fails with {@code error} and {@code cause} (either may be null). */
    public void sendTaskFailure(String taskToken, String error, String cause) {
        env.tokens().failure(taskToken, error, cause);
    }

    /** SendTaskHeartbeat: the task's HeartbeatSeconds start again. */
    public void sendTaskHeartbeat(String taskToken) {
        env.tokens().heartbeat(taskToken);
    }

    /** Closes the journal; running executions stay recorded as RUNNING and continue at the next {@link #recover}. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private void watch(Execution execution) {
        int run = execution.run();
        execution.completion().thenRun(() -> {
            if (execution.run() == run) {
                finished.add(execution);
                finishedCount.incrementAndGet();
                evict();
            }
        });
    }

    /** Drops the oldest finished executions beyond the retention count or age, from memory and journal. */
    private void evict() {
        Instant oldest = env.scheduler().now().minus(retention.maxAge());
        while (true) {
            Execution head = finished.peekFirst();
            if (head == null) {
                return;
            }
            Instant stopped = head.stopDate();
            boolean tooMany = finishedCount.get() > retention.maxFinished();
            if (!tooMany && stopped != null && !stopped.isBefore(oldest)) {
                return;
            }
            if (finished.remove(head)) {
                finishedCount.decrementAndGet();
                if (head.isClosed() && byArn.remove(head.arn(), head)) {
                    mapRuns.forget(head.arn());
                    if (journal != null) {
                        journal.forget(head);
                    }
                }
            }
        }
    }
}
