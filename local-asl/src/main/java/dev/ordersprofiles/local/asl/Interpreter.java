package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs one execution. Every step is a short task on the {@link Scheduler}; waits and retry back-off are timers.
 * Parallel branches and Map iterations run as concurrent lanes; a failed lane cancels its siblings.
 */
final class Interpreter {
    /** DynamoDB's errors that have an exception class of their own in the AWS SDK for Java (v1). */
    private static final java.util.Set<String> DYNAMODB_EXCEPTION_CLASSES = java.util.Set.of(
            "ConditionalCheckFailedException", "ResourceNotFoundException", "ProvisionedThroughputExceededException",
            "ResourceInUseException", "ItemCollectionSizeLimitExceededException", "TransactionConflictException",
            "TransactionCanceledException", "TransactionInProgressException", "RequestLimitExceededException",
            "InternalServerErrorException", "LimitExceededException", "IdempotentParameterMismatchException",
            "BackupInUseException", "BackupNotFoundException", "TableNotFoundException", "TableInUseException",
            "IndexNotFoundException", "DuplicateItemException");


    /** What every execution of an {@link Executions} service shares. */
    record Env(Scheduler scheduler, TaskInvoker invoker, Random random, String region, TaskTokens tokens,
               ServiceIntegration services, Children children) {
        String uuid() {
            long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo).toString();
        }
    }

    record Transition(String next, JsonNode output) {}

    /** How a Distributed Map starts and stops its child executions, and where its Map Runs are kept. */
    interface Children {
        /** Starts the child {@code arn} (a STANDARD child already known by that ARN is returned as it is). */
        Execution start(StateMachine machine, String arn, String name, JsonNode input, boolean express,
                        String mapRunArn);

        /** Stops a running child (ABORTED). */
        void abort(Execution child);

        MapRuns mapRuns();
    }

    /** A thread of control (the execution, a Parallel branch, a Map iteration) with its own event chain. */
    private final class Lane {
        private final Lane parent;
        private final Variables variables;
        private volatile boolean cancelled;
        private volatile long last;

        Lane(Lane parent) {
            this.parent = parent;
            this.last = parent == null ? 0 : parent.last;
            this.variables = new Variables(parent == null ? null : parent.variables);
        }

        boolean stopped() {
            return cancelled || (parent != null && parent.stopped()) || execution.isClosed() || execution.run() != run;
        }
    }

    /** One entry into a state. */
    private static final class Visit {
        final State state;
        final Lane lane;
        final JsonNode raw;
        final Instant entered;
        long id;
        volatile int retryCount;
        /** What the state's Assign set, for its StateExited event. */
        volatile ObjectNode assigned;
        /** A .waitForTaskToken task's current attempt: its token ($$.Task.Token) and what waits for the answer. */
        volatile String token;
        volatile TokenWait wait;
        /** Set on the visit a resumed execution re-attaches to (see {@link #resume}): its first attempt waits on. */
        volatile Reattach reattach;

        Visit(State state, Lane lane, JsonNode raw, Instant entered) {
            this.state = state;
            this.lane = lane;
            this.raw = raw;
            this.entered = entered;
        }
    }

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(ZoneOffset.UTC);

    /** An EXPRESS execution runs for at most five minutes (Step Functions' quota for Express workflows). */
    static final int EXPRESS_LIMIT_SECONDS = 300;

    private final Env env;
    private final Execution execution;
    private final StateMachine machine;
    /** The run of the execution this interpreter drives (a redrive starts another). */
    private final int run;
    /** A top-level task that was waiting when the stack stopped; its state's first visit re-attaches to it. */
    private volatile Reattach pending;

    Interpreter(Env env, Execution execution) {
        this.env = env;
        this.execution = execution;
        this.machine = execution.stateMachine();
        this.run = execution.run();
    }

    /** Records ExecutionStarted and schedules the run; the execution closes itself when done. */
    void start() {
        Lane root = new Lane(null);
        ObjectNode started = Json.object();
        started.put("input", Json.write(execution.input()));
        started.set("inputDetails", truncatedFalse());
        started.put("roleArn", roleArn());
        record(root, "ExecutionStarted", null, 0, started);
        run(root, machine.top().startAt(), execution.input());
    }

    /**
     * Continues a RUNNING execution restored from a journal, or a redriven one, from the last top-level state it
     * entered, with that state's input: the state runs again from its start (its Retry counters and a Wait's
     * delay start again too). State names are unique in a whole definition, so a name identifies a top-level state.
     */
    void resume() {
        Lane root = new Lane(null);
        root.last = execution.lastEventId();
        String state = machine.top().startAt();
        JsonNode input = execution.input();
        List<HistoryEvent> history = execution.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEvent event = history.get(i);
            if (event.type().endsWith("StateEntered") && machine.top().states().containsKey(event.stateName())) {
                state = event.stateName();
                input = Json.parse(event.details().path("input").asText("{}"));
                pending = waiting(history, i, machine.top().states().get(state));
                break;
            }
        }
        run(root, state, input);
    }

    /**
     * What a resumed execution re-attaches to instead of running the task again: the last attempt of a top-level
     * {@code .waitForTaskToken} or {@code .sync} task that was scheduled and had not ended when the stack stopped
     * (null otherwise, and on a redrive: the run that waited has ended).
     */
    private Reattach waiting(List<HistoryEvent> history, int enteredAt, State s) {
        if (s.type() != State.Type.Task || !(s.task().waitForTaskToken() || s.task().job())
                || execution.mockTestCase().map(m -> m.mocks(s.name())).orElse(false)) {
            return null;
        }
        HistoryEvent entered = history.get(enteredAt);
        HistoryEvent scheduled = null;
        HistoryEvent started = null;
        HistoryEvent submitted = null;
        int attempts = 0;
        for (HistoryEvent e : history.subList(enteredAt + 1, history.size())) {
            if (e.type().equals("ExecutionRedriven") || FileExecutionJournal.closes(e.type())) {
                return null;
            }
            if (e.visitId() != entered.id()) {
                continue;
            }
            switch (e.type()) {
                case "TaskScheduled" -> {
                    scheduled = e;
                    started = null;
                    submitted = null;
                    attempts++;
                }
                case "TaskStarted" -> started = e;
                case "TaskSubmitted" -> submitted = e;
                case "TaskSucceeded", "TaskFailed", "TaskTimedOut" -> scheduled = null;
                default -> { }
            }
        }
        if (scheduled == null) {
            return null;
        }
        Instant since = started != null ? started.timestamp() : scheduled.timestamp();
        String token = null;
        Instant lastBeat = since;
        if (s.task().waitForTaskToken()) {
            for (com.fasterxml.jackson.databind.node.ObjectNode note : execution.notes()) {
                if (note.path("visit").asLong() != entered.id()) {
                    continue;
                }
                if (note.path("note").asText().equals("token")) {
                    token = note.path("token").asText(null);
                } else if (note.path("note").asText().equals("heartbeat")) {
                    Instant at = Instant.ofEpochMilli(note.path("at").asLong());
                    lastBeat = at.isAfter(lastBeat) ? at : lastBeat;
                }
            }
            if (token == null) {
                return null; // journaled before tokens were: run the task again
            }
        }
        ObjectNode details = scheduled.details();
        return new Reattach(s.name(), entered.id(), entered.timestamp(), Math.max(0, attempts - 1),
                Json.parse(details.path("parameters").asText("{}")),
                details.hasNonNull("timeoutInSeconds") ? details.get("timeoutInSeconds").asInt() : null,
                details.hasNonNull("heartbeatInSeconds") ? details.get("heartbeatInSeconds").asInt() : null,
                since, lastBeat, started != null, token,
                submitted == null ? null : Json.parse(submitted.details().path("output").asText("{}")));
    }

    /**
     * A task attempt journaled as waiting: the parameters it was scheduled with, its limits and the times they
     * count from, its token (callback) and, once recorded, its TaskSubmitted output (the call was made).
     */
    private record Reattach(String state, long visitId, Instant entered, int retryCount, JsonNode parameters,
                            Integer timeout, Integer heartbeat, Instant since, Instant lastBeat, boolean started,
                            String token, JsonNode submitted) {}

    private void run(Lane root, String first, JsonNode input) {
        long elapsed = Duration.between(execution.startDate(), now()).toSeconds();
        Integer limit = machine.timeoutSeconds();
        if (execution.isExpress()) {
            limit = limit == null ? EXPRESS_LIMIT_SECONDS : Math.min(limit, EXPRESS_LIMIT_SECONDS);
        }
        int seconds = limit == null ? 0 : limit;
        Scheduler.Cancellable timer = limit == null ? () -> { }
                : env.scheduler().schedule(Duration.ofSeconds(Math.max(0, seconds - elapsed)), () -> {
                    ObjectNode details = Json.object();
                    details.put("error", StatesError.TIMEOUT);
                    details.put("cause", "The execution timed out after " + seconds + " seconds.");
                    execution.close(run, now(), ExecutionStatus.TIMED_OUT, null, StatesError.TIMEOUT,
                            details.get("cause").asText(), "ExecutionTimedOut", root.last, details);
                });
        env.scheduler().execute(() -> runFrom(machine.top(), first, input, root).whenComplete((output, err) -> {
            timer.cancel();
            finish(root, output, err);
        }));
    }

    private String roleArn() {
        String account = machine.arn().split(":")[4];
        return "arn:aws:iam::" + account + ":role/local-asl-execution-role";
    }

    private void finish(Lane root, JsonNode output, Throwable err) {
        if (err == null) {
            ObjectNode details = Json.object();
            details.put("output", Json.write(output));
            details.set("outputDetails", truncatedFalse());
            execution.close(run, now(), ExecutionStatus.SUCCEEDED, output, null, null, "ExecutionSucceeded", root.last, details);
            return;
        }
        Throwable cause = unwrap(err);
        if (cause instanceof CancellationException) {
            return;
        }
        StatesError e = asStatesError(cause);
        ObjectNode details = Json.object();
        if (e.error() != null) {
            details.put("error", e.error());
        }
        if (e.causeOrNull() != null) {
            details.put("cause", e.causeOrNull());
        }
        execution.close(run, now(), ExecutionStatus.FAILED, null, e.error(), e.causeOrNull(), "ExecutionFailed", root.last,
                details);
    }

    // ---------------------------------------------------------------- branches and states

    private CompletableFuture<JsonNode> runBranch(State.Branch branch, JsonNode input, Lane lane) {
        return runFrom(branch, branch.startAt(), input, lane);
    }

    private CompletableFuture<JsonNode> runFrom(State.Branch branch, String first, JsonNode input, Lane lane) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        step(branch, first, input, lane, result);
        return result;
    }

    private void step(State.Branch branch, String name, JsonNode input, Lane lane, CompletableFuture<JsonNode> result) {
        if (lane.stopped()) {
            result.completeExceptionally(new CancellationException("execution stopped"));
            return;
        }
        CompletableFuture<Transition> transition;
        try {
            transition = runState(branch.states().get(name), input, lane);
        } catch (RuntimeException e) {
            transition = CompletableFuture.failedFuture(e);
        }
        transition.whenComplete((t, err) -> env.scheduler().execute(() -> {
            if (err != null) {
                result.completeExceptionally(unwrap(err));
            } else if (t.next() == null) {
                result.complete(t.output());
            } else {
                step(branch, t.next(), t.output(), lane, result);
            }
        }));
    }

    private CompletableFuture<Transition> runState(State s, JsonNode raw, Lane lane) {
        Reattach r = pending;
        Visit v;
        if (r != null && lane.parent == null && r.state().equals(s.name())) {
            pending = null; // the visit the journal recorded goes on: no second StateEntered
            v = new Visit(s, lane, raw, r.entered());
            v.id = r.visitId();
            v.retryCount = r.retryCount();
            v.reattach = r;
        } else {
            v = new Visit(s, lane, raw, now());
            ObjectNode entered = Json.object();
            entered.put("name", s.name());
            entered.put("input", Json.write(raw));
            entered.set("inputDetails", truncatedFalse());
            v.id = record(lane, s.type() + "StateEntered", s, -1, entered);
        }
        CompletableFuture<Transition> body;
        try {
            body = switch (s.type()) {
                case Pass -> CompletableFuture.completedFuture(pass(v));
                case Task, Parallel, Map -> work(v);
                case Choice -> CompletableFuture.completedFuture(choice(v));
                case Wait -> waitState(v);
                case Succeed -> CompletableFuture.completedFuture(new Transition(null, s.jsonata()
                        ? output(v, s.jx().output(), v.raw, jsonataStates(v, v.raw))
                        : outputPath(v, inputPath(v, raw))));
                case Fail -> throw fail(v);
            };
        } catch (RuntimeException e) {
            body = CompletableFuture.failedFuture(e);
        }
        return body.handle((t, err) -> {
            if (err != null) {
                Throwable cause = unwrap(err);
                if (cause instanceof CancellationException cancelled) {
                    throw cancelled;
                }
                throw decorate(v, asStatesError(cause));
            }
            ObjectNode exited = Json.object();
            exited.put("name", s.name());
            exited.put("output", Json.write(t.output()));
            exited.set("outputDetails", truncatedFalse());
            if (v.assigned != null) {
                exited.set("assignedVariables", v.assigned);
                exited.set("assignedVariablesDetails", truncatedFalse());
            }
            record(lane, s.type() + "StateExited", s, v.id, exited);
            return t;
        });
    }

    private Transition pass(Visit v) {
        State s = v.state;
        if (s.jsonata()) {
            ObjectNode states = jsonataStates(v, v.raw);
            JsonNode out = output(v, s.jx().output(), v.raw, states);
            assign(v, s.assign(), null, states);
            return new Transition(s.next(), out);
        }
        JsonNode afterInputPath = inspect(v, "afterInputPath", inputPath(v, v.raw));
        JsonNode effective = inspect(v, "afterParameters", parameters(v, afterInputPath));
        JsonNode result = inspect(v, "result", s.result() != null ? s.result().deepCopy() : effective);
        // ResultPath and OutputPath read the variables from before the state: its Assign takes effect after them.
        JsonNode out = outputPath(v, inspect(v, "afterResultPath", resultPath(s.resultPath(), v.raw, result)));
        assign(v, s.assign(), result, null);
        return new Transition(s.next(), out);
    }

    private Transition choice(Visit v) {
        State s = v.state;
        if (s.jsonata()) {
            ObjectNode states = jsonataStates(v, v.raw);
            for (State.Choice c : s.choices()) {
                JsonNode matched = c.condition().evaluate(bindings(v, states), "Condition");
                if (!matched.isBoolean()) {
                    throw new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The Condition of a Choice rule of state '"
                            + s.name() + "' must evaluate to a boolean, got " + Json.write(matched));
                }
                if (matched.booleanValue()) {
                    JsonNode out = output(v, c.output(), v.raw, states);
                    assign(v, c.assign(), null, states);
                    return new Transition(c.next(), out);
                }
            }
            if (s.defaultNext() != null) {
                JsonNode out = output(v, s.jx().output(), v.raw, states);
                assign(v, s.assign(), null, states);
                return new Transition(s.defaultNext(), out);
            }
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice rule matched and no Default is set in state '"
                    + s.name() + "' for input " + Json.write(v.raw));
        }
        JsonNode effective = inputPath(v, v.raw);
        for (State.Choice c : s.choices()) {
            if (c.rule().matches(effective, scope(v))) {
                JsonNode out = outputPath(v, effective);
                assign(v, c.assign(), effective, null);
                return new Transition(c.next(), out);
            }
        }
        if (s.defaultNext() != null) {
            JsonNode out = outputPath(v, effective);
            assign(v, s.assign(), effective, null);
            return new Transition(s.defaultNext(), out);
        }
        throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice rule matched and no Default is set in state '"
                + s.name() + "' for input " + Json.write(effective));
    }

    private CompletableFuture<Transition> waitState(Visit v) {
        State s = v.state;
        JsonNode effective = inputPath(v, v.raw);
        Instant due;
        ObjectNode states = s.jsonata() ? jsonataStates(v, v.raw) : null;
        if (s.jsonata() && s.jx().seconds() != null) {
            JsonNode seconds = s.jx().seconds().evaluate(bindings(v, states), "Seconds");
            if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
                throw new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The Seconds of state '" + s.name()
                        + "' must evaluate to a non-negative integer, got " + Json.write(seconds));
            }
            due = v.entered.plusSeconds(seconds.asLong());
        } else if (s.jsonata() && s.jx().timestamp() != null) {
            var timestamp = ChoiceRule.timestamp(s.jx().timestamp().evaluate(bindings(v, states), "Timestamp"));
            if (timestamp == null) {
                throw new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The Timestamp of state '" + s.name()
                        + "' must evaluate to an RFC 3339 timestamp");
            }
            due = timestamp.toInstant();
        } else if (s.waitSeconds() != null) {
            due = v.entered.plusSeconds(s.waitSeconds());
        } else if (s.waitTimestamp() != null) {
            due = ChoiceRule.timestamp(Json.NODES.textNode(s.waitTimestamp())).toInstant();
        } else if (s.waitSecondsPath() != null) {
            JsonNode seconds = s.waitSecondsPath().read(effective, scope(v));
            if (seconds == null || !seconds.isIntegralNumber() || seconds.asLong() < 0) {
                throw StatesError.runtime("The SecondsPath parameter does not reference a valid non-negative integer: "
                        + s.waitSecondsPath());
            }
            due = v.entered.plusSeconds(seconds.asLong());
        } else {
            var timestamp = ChoiceRule.timestamp(s.waitTimestampPath().read(effective, scope(v)));
            if (timestamp == null) {
                throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 timestamp: "
                        + s.waitTimestampPath());
            }
            due = timestamp.toInstant();
        }
        CompletableFuture<Transition> done = new CompletableFuture<>();
        JsonNode output;
        if (s.jsonata()) {
            output = output(v, s.jx().output(), v.raw, states);
            assign(v, s.assign(), null, states);
        } else {
            output = outputPath(v, effective);
            assign(v, s.assign(), effective, null);
        }
        env.scheduler().schedule(Duration.between(now(), due), () -> {
            if (v.lane.stopped()) {
                done.completeExceptionally(new CancellationException("execution stopped"));
            } else {
                done.complete(new Transition(s.next(), output));
            }
        });
        return done;
    }

    private StatesError fail(Visit v) {
        State s = v.state;
        if (s.jsonata()) {
            ObjectNode states = jsonataStates(v, v.raw);
            return new StatesError(jsonataString(v, s.jx().error(), states, "Error", s.failError()),
                    jsonataString(v, s.jx().cause(), states, "Cause", s.failCause()));
        }
        String error = s.failError() != null ? s.failError() : dynamicString(v, s.failErrorPath(), "ErrorPath");
        String cause = s.failCause() != null ? s.failCause() : dynamicString(v, s.failCausePath(), "CausePath");
        return new StatesError(error, cause);
    }

    private String dynamicString(Visit v, PayloadTemplate template, String field) {
        if (template == null) {
            return null;
        }
        JsonNode value = template.evaluate(env(v, v.raw, null)).get("value");
        if (!value.isTextual()) {
            throw StatesError.runtime("The " + field + " of state '" + v.state.name() + "' must resolve to a string, got "
                    + Json.write(value));
        }
        return value.asText();
    }

    // ---------------------------------------------------------------- Task, Parallel, Map: retry and catch

    private CompletableFuture<Transition> work(Visit v) {
        State s = v.state;
        CompletableFuture<JsonNode> output;
        if (s.jsonata()) {
            try {
                Supplier<CompletableFuture<JsonNode>> attempt = switch (s.type()) {
                    case Task -> () -> {
                        Reattach r = v.reattach;
                        if (r != null) {
                            v.reattach = null;
                            return reattach(v, r);
                        }
                        newToken(v);
                        return invoke(v, v.raw, inspect(v, "afterArguments", arguments(v)));
                    };
                    case Parallel -> () -> parallel(v, arguments(v));
                    default -> () -> map(v, v.raw);
                };
                output = withRetry(v, attempt).thenApply(result -> {
                    inspect(v, "result", result);
                    ObjectNode states = jsonataStates(v, v.raw);
                    states.set("result", result);
                    JsonNode out = output(v, s.jx().output(), result, states);
                    assign(v, s.assign(), null, states);
                    return out;
                });
            } catch (RuntimeException e) {
                output = CompletableFuture.failedFuture(e);
            }
            return caught(v, output);
        }
        try {
            JsonNode afterInputPath = inspect(v, "afterInputPath", inputPath(v, v.raw));
            // Parameters are evaluated for every attempt, so $$.State.RetryCount reaches the task.
            Supplier<CompletableFuture<JsonNode>> attempt = switch (s.type()) {
                case Task -> () -> {
                    Reattach r = v.reattach;
                    if (r != null) {
                        v.reattach = null;
                        return reattach(v, r);
                    }
                    newToken(v);
                    return invoke(v, afterInputPath, inspect(v, "afterParameters", parameters(v, afterInputPath)));
                };
                case Parallel -> () -> parallel(v, inspect(v, "afterParameters", parameters(v, afterInputPath)));
                default -> () -> map(v, afterInputPath);
            };
            output = withRetry(v, attempt).thenApply(result -> {
                inspect(v, "result", result);
                JsonNode selected = inspect(v, "afterResultSelector", s.resultSelector() == null ? result
                        : s.resultSelector().evaluate(env(v, result, null)));
                JsonNode out = outputPath(v, inspect(v, "afterResultPath", resultPath(s.resultPath(), v.raw, selected)));
                // Assign reads the raw result; its values take effect after ResultSelector, ResultPath and OutputPath.
                assign(v, s.assign(), result, null);
                return out;
            });
        } catch (RuntimeException e) {
            output = CompletableFuture.failedFuture(e);
        }
        return caught(v, output);
    }

    /** The state's Catch: the first catcher matching the error takes over; otherwise the error goes on. */
    private CompletableFuture<Transition> caught(Visit v, CompletableFuture<JsonNode> output) {
        State s = v.state;
        return output.handle((out, err) -> {
            if (err == null) {
                return new Transition(s.next(), out);
            }
            Throwable cause = unwrap(err);
            if (cause instanceof CancellationException cancelled) {
                throw cancelled;
            }
            StatesError e = asStatesError(cause);
            StateTest.Probe probe = probe(v);
            if (probe != null && probe.retriable) {
                throw e;
            }
            for (State.Catcher c : s.catchers()) {
                if (e.matches(c.errorEquals())) {
                    if (probe != null) {
                        probe.caught = e;
                    }
                    ObjectNode errorOutput = Json.object();
                    // A Fail state without Error leaves the name empty, as its missing Cause is (never JSON null).
                    errorOutput.put("Error", e.error() == null ? "" : e.error());
                    errorOutput.put("Cause", e.errorCause());
                    if (s.jsonata()) {
                        ObjectNode states = jsonataStates(v, v.raw);
                        states.set("errorOutput", errorOutput);
                        JsonNode caughtOutput = output(v, c.output(), errorOutput, states);
                        assign(v, c.assign(), null, states);
                        return new Transition(c.next(), caughtOutput);
                    }
                    assign(v, c.assign(), errorOutput, null);
                    return new Transition(c.next(), resultPath(c.resultPath(), v.raw, errorOutput));
                }
            }
            throw e;
        });
    }

    private CompletableFuture<JsonNode> withRetry(Visit v, Supplier<CompletableFuture<JsonNode>> attempt) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        attempt(v, attempt, new int[v.state.retriers().size()], result);
        return result;
    }

    private void attempt(Visit v, Supplier<CompletableFuture<JsonNode>> attempt, int[] counts,
                         CompletableFuture<JsonNode> result) {
        if (v.lane.stopped()) {
            result.completeExceptionally(new CancellationException("execution stopped"));
            return;
        }
        CompletableFuture<JsonNode> once;
        try {
            once = attempt.get();
        } catch (RuntimeException e) {
            once = CompletableFuture.failedFuture(e);
        }
        once.whenComplete((value, err) -> {
            if (err == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(err);
            if (cause instanceof CancellationException || v.lane.stopped()) {
                result.completeExceptionally(cause);
                return;
            }
            StatesError e = asStatesError(cause);
            List<State.Retrier> retriers = v.state.retriers();
            for (int i = 0; i < retriers.size(); i++) {
                State.Retrier r = retriers.get(i);
                if (e.matches(r.errorEquals())) {
                    if (counts[i] >= r.maxAttempts()) {
                        break;
                    }
                    StateTest.Probe probe = probe(v);
                    if (probe != null) {
                        probe.retriable = true; // TestState reports RETRIABLE instead of retrying
                        result.completeExceptionally(e);
                        return;
                    }
                    Duration delay = backoff(r, counts[i]);
                    counts[i]++;
                    v.retryCount++;
                    env.scheduler().schedule(delay, () -> attempt(v, attempt, counts, result));
                    return;
                }
            }
            result.completeExceptionally(e);
        });
    }

    private Duration backoff(State.Retrier r, int retriesSoFar) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), retriesSoFar);
        if (r.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, r.maxDelaySeconds());
        }
        if (r.fullJitter()) {
            seconds = seconds * env.random().nextDouble();
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    // ---------------------------------------------------------------- Task

    private CompletableFuture<JsonNode> invoke(Visit v, JsonNode afterInputPath, JsonNode effective) {
        State s = v.state;
        boolean service = s.task().service() != null;
        boolean optimized = s.task().optimizedInvoke() || service;
        String function;
        JsonNode payload;
        if (service) {
            function = null;
            payload = effective;
        } else if (optimized) {
            LambdaCall call = lambdaCall(effective);
            function = call.function();
            payload = call.payload();
        } else {
            function = s.task().functionArn();
            payload = effective;
        }
        Integer timeout = timeoutSeconds(v, afterInputPath);
        Integer heartbeat = s.task().waitForTaskToken() ? heartbeatSeconds(v, afterInputPath) : null;
        ObjectNode scheduled = Json.object();
        if (optimized) {
            scheduled.put("resourceType", resourceType(v));
            scheduled.put("resource", resourceName(v));
            scheduled.put("region", env.region());
            scheduled.put("parameters", Json.write(effective));
        } else {
            scheduled.put("resource", function);
            scheduled.put("input", Json.write(payload));
            scheduled.set("inputDetails", truncatedFalse());
        }
        if (timeout != null) {
            scheduled.put("timeoutInSeconds", timeout);
        }
        if (heartbeat != null) {
            scheduled.put("heartbeatInSeconds", heartbeat);
        }
        String prefix = optimized ? "Task" : "LambdaFunction";
        if (v.token != null && v.lane.parent == null) {
            // Before the call can be made, so a resumed execution waits on this token (the journal is no log).
            ObjectNode note = Json.object().put("note", "token").put("visit", v.id).put("token", v.token);
            execution.note(run, note);
        }
        record(v.lane, prefix + "Scheduled", s, v.id, scheduled);
        record(v.lane, prefix + "Started", s, v.id, optimized ? resourceDetails(v) : Json.object());

        MockTestCase mocks = execution.mockTestCase().orElse(null);
        if (mocks != null && mocks.mocks(s.name())) {
            if (v.token != null) {
                env.tokens().retire(v.token); // a mocked callback answers at once, as Step Functions Local's does
            }
            return mocked(v, optimized, prefix, mocks);
        }
        if (s.task().waitForTaskToken()) {
            Instant since = now();
            return callback(v, function, Json.write(payload), new Limits(timeout, heartbeat, since, since), false);
        }
        if (service) {
            return service(v, effective, timeout);
        }
        String payloadText = Json.write(payload);
        String fn = function;
        return timedCall(v, timeout, () -> env.invoker().invoke(fn, payloadText)).handle((result, err) ->
                taskResult(v, optimized, prefix, result, err == null ? null : unwrap(err)));
    }

    /** What lambda:invoke calls: FunctionName (with its Qualifier) and Payload (an empty object without one). */
    private record LambdaCall(String function, JsonNode payload) {}

    private static LambdaCall lambdaCall(JsonNode effective) {
        JsonNode name = effective.get("FunctionName");
        if (name == null || !name.isTextual()) {
            throw StatesError.runtime("The field 'FunctionName' must be a string, got " + Json.typeName(name));
        }
        String function = name.asText();
        JsonNode qualifier = effective.get("Qualifier");
        if (qualifier != null && qualifier.isTextual()) {
            function = function + ":" + qualifier.asText();
        }
        return new LambdaCall(function, effective.has("Payload") ? effective.get("Payload") : Json.object());
    }

    /** TimeoutSeconds: a number, TimeoutSecondsPath (JSONPath) or a JSONata expression. */
    private Integer timeoutSeconds(Visit v, JsonNode afterInputPath) {
        State s = v.state;
        if (s.jsonata() && s.jx().timeoutSeconds() != null) {
            return jsonataSeconds(v, s.jx().timeoutSeconds(), "TimeoutSeconds");
        }
        if (s.timeoutSecondsPath() != null) {
            return pathSeconds(v, s.timeoutSecondsPath(), afterInputPath, "TimeoutSecondsPath");
        }
        return s.timeoutSeconds();
    }

    /** HeartbeatSeconds of a callback task: a number, HeartbeatSecondsPath (JSONPath) or a JSONata expression. */
    private Integer heartbeatSeconds(Visit v, JsonNode afterInputPath) {
        State.TaskTarget t = v.state.task();
        if (t.heartbeatTemplate() != null) {
            return jsonataSeconds(v, t.heartbeatTemplate(), "HeartbeatSeconds");
        }
        if (t.heartbeatSecondsPath() != null) {
            return pathSeconds(v, t.heartbeatSecondsPath(), afterInputPath, "HeartbeatSecondsPath");
        }
        return t.heartbeatSeconds();
    }

    /**
     * A *SecondsPath read from the task's input (after InputPath), before the task is scheduled: no value is
     * States.Runtime with the cause Step Functions gives (recorded by LocalStack's AWS-validated tests); a value
     * that is not a positive integer is States.Runtime too.
     */
    private int pathSeconds(Visit v, JsonPath path, JsonNode input, String field) {
        JsonNode value = path.read(input, scope(v));
        if (value == null) {
            throw StatesError.runtime("Invalid path '" + path + "' : No results for path: " + bracketed(path));
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw StatesError.runtime("The " + field + " parameter does not reference a valid positive integer: "
                    + path + " (got " + Json.write(value) + ")");
        }
        return value.asInt();
    }

    /** {@code $.a.b} as {@code $['a']['b']}, the form Step Functions names a path with no results in. */
    private static String bracketed(JsonPath path) {
        String text = path.toString();
        if (!text.matches("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
            return text;
        }
        StringBuilder out = new StringBuilder("$");
        for (String name : text.substring(2).split("\\.")) {
            out.append("['").append(name).append("']");
        }
        return out.toString();
    }

    private int jsonataSeconds(Visit v, JsonataTemplate template, String field) {
        JsonNode t = template.evaluate(bindings(v, jsonataStates(v, v.raw)), field);
        if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() <= 0) {
            throw new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The " + field + " of state '"
                    + v.state.name() + "' must evaluate to a positive integer, got " + Json.write(t));
        }
        return t.asInt();
    }

    /**
     * Starts {@code call} on the scheduler unless the lane was stopped (then: cancelled), and fails it with
     * {@code States.Timeout} after {@code timeout} seconds if given; the timer goes once the call has ended.
     */
    private <R> CompletableFuture<R> timedCall(Visit v, Integer timeout, Supplier<CompletionStage<R>> start) {
        CompletableFuture<R> call = new CompletableFuture<>();
        env.scheduler().execute(() -> {
            if (v.lane.stopped()) {
                call.completeExceptionally(new CancellationException("execution stopped"));
                return;
            }
            try {
                start.get().whenComplete((r, e) -> {
                    if (e != null) {
                        call.completeExceptionally(e);
                    } else {
                        call.complete(r);
                    }
                });
            } catch (RuntimeException e) {
                call.completeExceptionally(e);
            }
        });
        Scheduler.Cancellable timer = timeout == null ? () -> { }
                : env.scheduler().schedule(Duration.ofSeconds(timeout),
                        () -> call.completeExceptionally(new StatesError(StatesError.TIMEOUT, "")));
        call.whenComplete((r, e) -> timer.cancel());
        return call;
    }

    // ---------------------------------------------------------------- other service integrations

    /**
     * An optimized service integration (dynamodb:putItem...): the effective parameters are the API request, the
     * API's response is the result; an API error fails the task with {@code <Service>.<code>} and the cause Step
     * Functions gives (message, service, status, code, request id). A .sync job: see {@link #job}.
     */
    private CompletableFuture<JsonNode> service(Visit v, JsonNode parameters, Integer timeout) {
        State s = v.state;
        if (s.task().job()) {
            return job(v, parameters, timeout == null ? null : now().plusSeconds(timeout), null);
        }
        return timedCall(v, timeout, () -> env.services().call(s.task().service(), s.task().action(), parameters))
                .handle((result, err) -> serviceResult(v, result, err == null ? null : unwrap(err)));
    }

    /** The task's result from the service's answer, with its TaskSucceeded, TaskFailed or TaskTimedOut event. */
    private JsonNode serviceResult(Visit v, ServiceIntegration.Result result, Throwable cause) {
        State s = v.state;
        if (cause instanceof CancellationException c) {
            throw c;
        }
        ObjectNode details = resourceDetails(v);
        if (cause instanceof StatesError t && StatesError.TIMEOUT.equals(t.error())) {
            details.put("error", StatesError.TIMEOUT);
            details.put("cause", "");
            record(v.lane, "TaskTimedOut", s, v.id, details);
            throw t;
        }
        if (result instanceof ServiceIntegration.Response ok) {
            JsonNode body = ok.body() == null ? Json.object() : ok.body();
            if (s.task().service().equals("states") && !s.task().job() && body instanceof ObjectNode o) {
                body = withSdkMetadata(o);
            }
            details.put("output", Json.write(body));
            details.set("outputDetails", truncatedFalse());
            record(v.lane, "TaskSucceeded", s, v.id, details);
            return body;
        }
        StatesError failure = failure(v, result, cause);
        details.put("error", failure.error());
        details.put("cause", failure.errorCause());
        record(v.lane, "TaskFailed", s, v.id, details);
        throw failure;
    }

    private static StatesError failure(Visit v, ServiceIntegration.Result result, Throwable cause) {
        boolean dynamo = v.state.task().service().equals("dynamodb");
        String prefix = dynamo ? "DynamoDB" : "StepFunctions";
        if (result instanceof ServiceIntegration.Error e) {
            // The error is the AWS SDK for Java (v1) exception class: DynamoDB codes without a class of their own
            // (ValidationException, ThrottlingException, ...) are AmazonDynamoDBException; the cause keeps the wire
            // code, which Step Functions' API gives without the "Exception" suffix.
            String wireCode = dynamo ? e.code() : e.code().replaceFirst("Exception$", "");
            String name = dynamo && !DYNAMODB_EXCEPTION_CLASSES.contains(e.code()) ? "AmazonDynamoDBException"
                    : e.code();
            return new StatesError(prefix + "." + name, e.message() + " (Service: "
                    + (dynamo ? "AmazonDynamoDBv2" : "AWSStepFunctions") + "; Status Code: " + e.httpStatus()
                    + "; Error Code: " + wireCode + "; Request ID: " + e.requestId() + "; Proxy: null)");
        }
        if (result instanceof ServiceIntegration.Failed f) {
            return new StatesError(f.error(), f.cause());
        }
        return new StatesError("States.TaskFailed", String.valueOf(cause == null ? "no result" : cause.getMessage()));
    }

    /**
     * A .sync task ("Run a Job", e.g. states:startExecution.sync): the action without its suffix starts the job;
     * its response, with the SDK's HTTP metadata as Step Functions shows it, is recorded as TaskSubmitted (and so
     * journaled); then the task waits for the job ({@link ServiceIntegration#awaitJob}). If the task stops waiting
     * (its execution stopped, failed or timed out; its TimeoutSeconds ran out) the job is stopped
     * ({@link ServiceIntegration#stopJob}). {@code submitted}: the journaled TaskSubmitted output of a resumed
     * task, whose job is waited for without starting it again.
     */
    private CompletableFuture<JsonNode> job(Visit v, JsonNode parameters, Instant deadline, JsonNode submitted) {
        State s = v.state;
        String service = s.task().service();
        String action = s.task().action();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<JsonNode> job = new java.util.concurrent.atomic.AtomicReference<>(
                submitted);
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stopJob = () -> {
            JsonNode started = job.get();
            if (started != null) {
                env.services().stopJob(service, action, started);
            }
        };
        execution.completion().whenComplete((x, e) -> {
            if (ended.compareAndSet(false, true)) {
                stopJob.run();
                result.completeExceptionally(new CancellationException("execution stopped"));
            }
        });
        Scheduler.Cancellable timer = deadline == null ? () -> { }
                : env.scheduler().schedule(Duration.between(now(), deadline), () -> {
                    if (ended.compareAndSet(false, true)) {
                        stopJob.run();
                        try {
                            serviceResult(v, null, new StatesError(StatesError.TIMEOUT, ""));
                        } catch (RuntimeException timedOut) {
                            result.completeExceptionally(timedOut);
                        }
                    }
                });
        result.whenComplete((r, e) -> timer.cancel());
        java.util.function.BiConsumer<ServiceIntegration.Result, Throwable> done = (answer, err) -> {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                result.complete(serviceResult(v, answer, err == null ? null : unwrap(err)));
            } catch (RuntimeException failed) {
                result.completeExceptionally(failed);
            }
        };
        Runnable await = () -> {
            try {
                env.services().awaitJob(service, action, job.get()).whenComplete(done);
            } catch (RuntimeException e) {
                done.accept(null, e);
            }
        };
        env.scheduler().execute(() -> {
            if (v.lane.stopped()) {
                if (ended.compareAndSet(false, true)) {
                    result.completeExceptionally(new CancellationException("execution stopped"));
                }
                return;
            }
            if (submitted != null) {
                await.run();
                return;
            }
            CompletionStage<ServiceIntegration.Result> call;
            try {
                call = env.services().call(service, action.substring(0, action.indexOf(".sync")), parameters);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((answer, err) -> {
                if (!(answer instanceof ServiceIntegration.Response ok) || err != null) {
                    done.accept(answer, err);
                    return;
                }
                ObjectNode body = ok.body() instanceof ObjectNode o ? withSdkMetadata(o) : Json.object();
                job.set(body);
                if (ended.get()) {
                    stopJob.run(); // started after the task stopped waiting for it
                    return;
                }
                ObjectNode details = resourceDetails(v);
                details.put("output", Json.write(body));
                details.set("outputDetails", truncatedFalse());
                record(v.lane, "TaskSubmitted", s, v.id, details);
                await.run();
            });
        });
        return result;
    }

    /** An AWS API response as a Step Functions service task shows it: with the SDK's HTTP and response metadata. */
    private ObjectNode withSdkMetadata(ObjectNode response) {
        ObjectNode out = response.deepCopy();
        String requestId = env.uuid();
        String length = String.valueOf(Json.write(response).getBytes(StandardCharsets.UTF_8).length);
        String date = HTTP_DATE.format(now());
        putSdkMetadata(out, requestId, List.of(Map.entry("x-amzn-RequestId", requestId),
                Map.entry("connection", "keep-alive"), Map.entry("Content-Length", length), Map.entry("Date", date),
                Map.entry("Content-Type", "application/x-amz-json-1.0")));
        return out;
    }

    /**
     * The SDK's metadata of a 200 response, as Step Functions adds it to a service task's result: the response's
     * headers in their order as lists in {@code AllHttpHeaders}, the same sorted by name in {@code HttpHeaders}.
     */
    private static void putSdkMetadata(ObjectNode out, String requestId, List<Map.Entry<String, String>> headers) {
        ObjectNode http = out.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        headers.forEach(h -> all.putArray(h.getKey()).add(h.getValue()));
        ObjectNode sorted = http.putObject("HttpHeaders");
        headers.stream().sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
                .forEach(h -> sorted.put(h.getKey(), h.getValue()));
        http.put("HttpStatusCode", 200);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }

    // ---------------------------------------------------------------- TestState

    /** TestState: runs the definition's start state alone, once, in a lane seeded with the probe's variables. */
    CompletableFuture<Transition> testOne(StateTest.Probe probe) {
        Lane root = new Lane(null);
        root.variables.assignAll(probe.variables);
        return runState(machine.top().states().get(machine.top().startAt()), execution.input(), root);
    }

    /** The TestState probe when {@code v} is the state under test, else null. */
    private StateTest.Probe probe(Visit v) {
        StateTest.Probe probe = execution.probe();
        return probe != null && v.lane.parent == null ? probe : null;
    }

    /** Records a stage of the state's input and output processing for TestState's DEBUG inspection data. */
    private JsonNode inspect(Visit v, String stage, JsonNode value) {
        StateTest.Probe probe = probe(v);
        if (probe != null && value != null) {
            probe.inspection.put(stage, Json.write(value));
        }
        return value;
    }

    // ---------------------------------------------------------------- .waitForTaskToken

    /** A worker's answer to a task token: an output, or an error and cause. */
    private record Answer(JsonNode output, String error, String cause) {}

    /** What a task token's answer completes; the heartbeat hook re-arms HeartbeatSeconds. */
    private static final class TokenWait implements TaskTokens.Waiter {
        private final Visit v;
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        volatile Runnable onHeartbeat = () -> { };

        TokenWait(Visit v) {
            this.v = v;
        }

        @Override
        public boolean waiting() {
            return !answer.isDone() && !v.lane.stopped();
        }

        @Override
        public void success(JsonNode output) {
            answer.complete(new Answer(output, null, null));
        }

        @Override
        public void failure(String error, String cause) {
            answer.complete(new Answer(null, error, cause));
        }

        @Override
        public void heartbeat() {
            onHeartbeat.run();
        }
    }

    /** A .waitForTaskToken attempt gets a token of its own before its Parameters are evaluated. */
    private void newToken(Visit v) {
        if (!v.state.task().waitForTaskToken()) {
            return;
        }
        if (v.token != null) {
            env.tokens().retire(v.token);
        }
        TokenWait wait = new TokenWait(v);
        v.wait = wait;
        v.token = env.tokens().issue(wait);
    }

    /** A callback attempt's TimeoutSeconds and HeartbeatSeconds, and the times they count from. */
    private record Limits(Integer timeout, Integer heartbeat, Instant since, Instant lastBeat) {}

    /**
     * lambda:invoke.waitForTaskToken: the function is invoked with the token in its payload; once the call returns
     * (TaskSubmitted) the task waits for SendTaskSuccess or SendTaskFailure with that token, for at most
     * TimeoutSeconds (States.Timeout) from {@code limits.since} and, with HeartbeatSeconds, at most that long
     * between heartbeats (States.HeartbeatTimeout), the first from {@code limits.lastBeat}. Each heartbeat is
     * journaled for a top-level task, so a resumed task counts from the last one. {@code submitted}: the call was
     * made before a restart; the resumed task only waits.
     */
    private CompletableFuture<JsonNode> callback(Visit v, String function, String payloadText, Limits limits,
                                                 boolean submitted) {
        State s = v.state;
        String token = v.token;
        TokenWait wait = v.wait;
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        Scheduler.Cancellable[] heartbeat = {() -> { }};
        Scheduler.Cancellable[] deadline = {() -> { }};
        Runnable stopTimers = () -> {
            synchronized (heartbeat) {
                heartbeat[0].cancel();
                deadline[0].cancel();
            }
        };
        java.util.function.Consumer<String> timedOut = error -> {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            stopTimers.run();
            env.tokens().timedOut(token);
            ObjectNode details = resourceDetails(v);
            details.put("error", error);
            details.put("cause", "");
            record(v.lane, "TaskTimedOut", s, v.id, details);
            result.completeExceptionally(new StatesError(error, ""));
        };
        synchronized (heartbeat) {
            if (limits.timeout() != null) {
                deadline[0] = env.scheduler().schedule(
                        Duration.between(now(), limits.since().plusSeconds(limits.timeout())),
                        () -> timedOut.accept(StatesError.TIMEOUT));
            }
            Integer beat = limits.heartbeat();
            if (beat != null) {
                java.util.function.Consumer<Instant> arm = from -> {
                    synchronized (heartbeat) {
                        heartbeat[0].cancel();
                        heartbeat[0] = env.scheduler().schedule(Duration.between(now(), from.plusSeconds(beat)),
                                () -> timedOut.accept(StatesError.HEARTBEAT_TIMEOUT));
                    }
                };
                arm.accept(limits.lastBeat());
                wait.onHeartbeat = () -> {
                    Instant at = now();
                    if (v.lane.parent == null) {
                        execution.note(run, Json.object().put("note", "heartbeat").put("visit", v.id)
                                .put("at", at.toEpochMilli()));
                    }
                    arm.accept(at);
                };
            }
        }
        // Stopped (StopExecution, a failed sibling lane, the execution's timeout): the token goes with the task.
        execution.completion().whenComplete((x, e) -> {
            if (ended.compareAndSet(false, true)) {
                stopTimers.run();
                env.tokens().retire(token);
                result.completeExceptionally(new CancellationException("execution stopped"));
            }
        });
        env.scheduler().execute(() -> {
            if (v.lane.stopped()) {
                ended.set(true);
                stopTimers.run();
                env.tokens().retire(token);
                result.completeExceptionally(new CancellationException("execution stopped"));
                return;
            }
            if (submitted) {
                awaitAnswer(v, ended, stopTimers, result);
                return;
            }
            CompletionStage<InvocationResult> call;
            try {
                call = env.invoker().invoke(function, payloadText);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((r, err) -> submitted(v, r, err == null ? null : unwrap(err), ended, stopTimers,
                    result));
        });
        return result;
    }

    /** The callback task's call returned: TaskSubmitted and wait for the answer, or TaskFailed. */
    private void submitted(Visit v, InvocationResult r, Throwable err, java.util.concurrent.atomic.AtomicBoolean ended,
                           Runnable stopTimers, CompletableFuture<JsonNode> result) {
        State s = v.state;
        String token = v.token;
        if (ended.get()) {
            return; // timed out while the call ran
        }
        if (err != null || !(r instanceof InvocationResult.Success ok)) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            stopTimers.run();
            env.tokens().retire(token);
            try {
                result.complete(taskResult(v, true, "Task", r, err));
            } catch (RuntimeException failure) {
                result.completeExceptionally(failure);
            }
            return;
        }
        ObjectNode details = resourceDetails(v);
        details.put("output", Json.write(envelope(ok, parsePayload(ok.payloadJson()))));
        details.set("outputDetails", truncatedFalse());
        record(v.lane, "TaskSubmitted", s, v.id, details);
        awaitAnswer(v, ended, stopTimers, result);
    }

    /** The answer to the token: TaskSucceeded with its output, or TaskFailed with its error and cause. */
    private void awaitAnswer(Visit v, java.util.concurrent.atomic.AtomicBoolean ended, Runnable stopTimers,
                             CompletableFuture<JsonNode> result) {
        State s = v.state;
        String token = v.token;
        v.wait.answer.whenComplete((answer, e) -> {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            stopTimers.run();
            env.tokens().retire(token);
            ObjectNode done = resourceDetails(v);
            if (answer.error() == null && answer.output() != null) {
                done.put("output", Json.write(answer.output()));
                done.set("outputDetails", truncatedFalse());
                record(v.lane, "TaskSucceeded", s, v.id, done);
                result.complete(answer.output());
                return;
            }
            if (answer.error() != null) {
                done.put("error", answer.error());
            }
            if (answer.cause() != null) {
                done.put("cause", answer.cause());
            }
            record(v.lane, "TaskFailed", s, v.id, done);
            result.completeExceptionally(new StatesError(answer.error(), answer.cause()));
        });
    }

    /**
     * The attempt a resumed execution found waiting (see {@link #waiting}) goes on as AWS's would: a callback task
     * waits on the same token (a worker's answer with it completes the task) and a .sync task on the same job;
     * TimeoutSeconds and HeartbeatSeconds count from the journaled times, so a deadline passed while the stack was
     * down fires at once. If the stack stopped before TaskSubmitted was recorded, the call may or may not have been
     * made: it is made again with the journaled parameters (the same token, so an answer to either call counts;
     * a .sync start again, which StartExecution answers idempotently when the child has a Name).
     */
    private CompletableFuture<JsonNode> reattach(Visit v, Reattach r) {
        State s = v.state;
        if (!r.started()) {
            record(v.lane, "TaskStarted", s, v.id, resourceDetails(v));
        }
        if (s.task().job()) {
            return job(v, r.parameters(), r.timeout() == null ? null : r.since().plusSeconds(r.timeout()),
                    r.submitted());
        }
        TokenWait wait = new TokenWait(v);
        v.wait = wait;
        v.token = r.token();
        env.tokens().adopt(r.token(), wait);
        LambdaCall call = lambdaCall(r.parameters());
        return callback(v, call.function(), Json.write(call.payload()),
                new Limits(r.timeout(), r.heartbeat(), r.since(), r.lastBeat()), r.submitted() != null);
    }

    /**
     * A mocked attempt: the test case's answer for this attempt number ($$.State.RetryCount) instead of the call,
     * recorded with the same events a call would have.
     */
    private CompletableFuture<JsonNode> mocked(Visit v, boolean optimized, String prefix, MockTestCase mocks) {
        CompletableFuture<JsonNode> done = new CompletableFuture<>();
        env.scheduler().execute(() -> {
            if (v.lane.stopped()) {
                done.completeExceptionally(new CancellationException("execution stopped"));
                return;
            }
            try {
                done.complete(mockedResult(v, optimized, prefix, mocks));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private JsonNode mockedResult(Visit v, boolean optimized, String prefix, MockTestCase mocks) {
        State s = v.state;
        int attempt = v.retryCount;
        ObjectNode details = optimized ? resourceDetails(v) : Json.object();
        MockedResponse response = mocks.response(s.name(), attempt).orElse(null);
        if (response instanceof MockedResponse.Return r) {
            JsonNode output = r.value().deepCopy();
            details.put("output", Json.write(output));
            details.set("outputDetails", truncatedFalse());
            record(v.lane, prefix + "Succeeded", s, v.id, details);
            return output;
        }
        StatesError failure = response instanceof MockedResponse.Throw t ? new StatesError(t.error(), t.cause())
                : StatesError.runtime("The mocked response '" + mocks.responseName(s.name()) + "' of test case '"
                        + mocks.name() + "' has no answer for attempt " + attempt + " of state '" + s.name() + "'");
        details.put("error", failure.error());
        if (failure.causeOrNull() != null) {
            details.put("cause", failure.causeOrNull());
        }
        record(v.lane, prefix + "Failed", s, v.id, details);
        throw failure;
    }

    private JsonNode taskResult(Visit v, boolean optimized, String prefix, InvocationResult result, Throwable err) {
        State s = v.state;
        ObjectNode details = optimized ? resourceDetails(v) : Json.object();
        if (err instanceof StatesError timeout && StatesError.TIMEOUT.equals(timeout.error())) {
            details.put("error", StatesError.TIMEOUT);
            details.put("cause", "");
            record(v.lane, prefix + "TimedOut", s, v.id, details);
            throw timeout;
        }
        if (err != null) {
            result = InvocationResult.serviceException(String.valueOf(err.getMessage()));
        }
        if (result instanceof InvocationResult.Success ok) {
            JsonNode payload = parsePayload(ok.payloadJson());
            JsonNode output = optimized ? envelope(ok, payload) : payload;
            details.put("output", Json.write(output));
            details.set("outputDetails", truncatedFalse());
            record(v.lane, prefix + "Succeeded", s, v.id, details);
            return output;
        }
        StatesError failure;
        if (result instanceof InvocationResult.FunctionError fe) {
            String error = fe.errorType() == null || fe.errorType().isBlank() ? "Lambda.Unknown" : fe.errorType();
            failure = new StatesError(error, fe.rawJson());
        } else if (result instanceof InvocationResult.ServiceError se) {
            failure = new StatesError(se.errorName(), se.message() + " (Service: Lambda, Status Code: " + se.httpStatus()
                    + ", Request ID: " + env.uuid() + ")");
        } else {
            failure = new StatesError("Lambda.ServiceException", "the task invoker returned no result");
        }
        details.put("error", failure.error());
        details.put("cause", failure.errorCause());
        record(v.lane, prefix + "Failed", s, v.id, details);
        throw failure;
    }

    private static JsonNode parsePayload(String text) {
        if (text == null || text.isEmpty()) {
            return Json.NODES.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return Json.NODES.textNode(text);
        }
    }

    /** The lambda:invoke result exactly as Step Functions shapes it (see asl-report.md for sources). */
    private ObjectNode envelope(InvocationResult.Success ok, JsonNode payload) {
        String requestId = env.uuid();
        String version = ok.executedVersion() == null ? "$LATEST" : ok.executedVersion();
        String length = String.valueOf(ok.payloadJson() == null ? 0
                : ok.payloadJson().getBytes(StandardCharsets.UTF_8).length);
        String date = HTTP_DATE.format(now());
        String trace = "Root=1-" + Long.toHexString(now().getEpochSecond()) + "-"
                + requestId.replace("-", "").substring(0, 24) + ";Sampled=0";
        ObjectNode envelope = Json.object();
        envelope.put("ExecutedVersion", version);
        envelope.set("Payload", payload);
        putSdkMetadata(envelope, requestId, List.of(Map.entry("X-Amz-Executed-Version", version),
                Map.entry("x-amzn-Remapped-Content-Length", "0"), Map.entry("Connection", "keep-alive"),
                Map.entry("x-amzn-RequestId", requestId), Map.entry("Content-Length", length), Map.entry("Date", date),
                Map.entry("X-Amzn-Trace-Id", trace), Map.entry("Content-Type", "application/json")));
        envelope.put("StatusCode", 200);
        return envelope;
    }

    private static ObjectNode resourceDetails(Visit v) {
        ObjectNode details = Json.object();
        details.put("resourceType", resourceType(v));
        details.put("resource", resourceName(v));
        return details;
    }

    private static String resourceType(Visit v) {
        return v.state.task().service() != null ? v.state.task().service() : "lambda";
    }

    private static String resourceName(Visit v) {
        if (v.state.task().service() != null) {
            return v.state.task().action();
        }
        return v.state.task().waitForTaskToken() ? "invoke.waitForTaskToken" : "invoke";
    }

    // ---------------------------------------------------------------- Parallel and Map

    private CompletableFuture<JsonNode> parallel(Visit v, JsonNode effective) {
        State s = v.state;
        record(v.lane, "ParallelStateStarted", s, v.id, Json.object());
        int n = s.branches().size();
        JsonNode[] results = new JsonNode[n];
        List<Lane> lanes = new ArrayList<>();
        CompletableFuture<JsonNode> all = new CompletableFuture<>();
        int[] remaining = {n};
        for (int i = 0; i < n; i++) {
            Lane lane = new Lane(v.lane);
            lanes.add(lane);
        }
        for (int i = 0; i < n; i++) {
            int index = i;
            Lane lane = lanes.get(i);
            env.scheduler().execute(() -> runBranch(s.branches().get(index), effective.deepCopy(), lane)
                    .whenComplete((out, err) -> {
                        synchronized (results) {
                            if (all.isDone()) {
                                return;
                            }
                            if (err != null) {
                                lanes.forEach(l -> l.cancelled = true);
                                v.lane.last = Math.max(v.lane.last, lane.last);
                                record(v.lane, "ParallelStateFailed", s, v.id, Json.object());
                                all.completeExceptionally(unwrap(err));
                                return;
                            }
                            results[index] = out;
                            v.lane.last = Math.max(v.lane.last, lane.last);
                            if (--remaining[0] == 0) {
                                ArrayNode array = Json.NODES.arrayNode();
                                for (JsonNode r : results) {
                                    array.add(r);
                                }
                                record(v.lane, "ParallelStateSucceeded", s, v.id, Json.object());
                                all.complete(array);
                            }
                        }
                    }));
        }
        return all;
    }

    private CompletableFuture<JsonNode> map(Visit v, JsonNode effective) {
        State s = v.state;
        if (s.jsonata()) {
            return jsonataMap(v);
        }
        JsonNode items = s.itemsPath().read(effective, scope(v));
        if (items == null || !items.isArray()) {
            throw StatesError.runtime("Invalid path '" + s.itemsPath() + "': the Map state's ItemsPath must reference an "
                    + "array, got " + Json.typeName(items));
        }
        int limit = s.maxConcurrency() == null ? 0 : s.maxConcurrency();
        if (s.maxConcurrencyPath() != null) {
            JsonNode m = s.maxConcurrencyPath().read(effective, scope(v));
            // AWS also takes the integer as a string ("1"), as its recorded runs show.
            if (m != null && m.isTextual() && m.asText().matches("[0-9]{1,9}")) {
                m = Json.NODES.numberNode(Integer.parseInt(m.asText()));
            }
            if (m == null || !m.isIntegralNumber() || m.asInt() < 0) {
                throw StatesError.runtime("MaxConcurrencyPath '" + s.maxConcurrencyPath()
                        + "' does not reference a non-negative integer");
            }
            limit = m.asInt();
        }
        List<JsonNode> inputs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (s.itemSelector() == null) {
                inputs.add(items.get(i));
            } else {
                ObjectNode mapItem = Json.object();
                mapItem.put("Index", i);
                mapItem.set("Value", items.get(i));
                inputs.add(s.itemSelector().evaluate(env(v, effective, mapItem)));
            }
        }
        ObjectNode started = Json.object();
        started.put("length", inputs.size());
        record(v.lane, "MapStateStarted", s, v.id, started);
        return s.distributed() == null ? new MapRun(v, inputs, limit == 0 ? Integer.MAX_VALUE : limit).start()
                : distributedMap(v, effective, inputs, limit);
    }

    private CompletableFuture<JsonNode> jsonataMap(Visit v) {
        State s = v.state;
        ObjectNode states = jsonataStates(v, v.raw);
        JsonNode items = s.jx().items() == null ? v.raw : s.jx().items().evaluate(bindings(v, states), "Items");
        if (!items.isArray()) {
            throw new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The Items of Map state '" + s.name()
                    + "' must be an array, got " + Json.typeName(items));
        }
        int limit = s.maxConcurrency() == null ? 0 : s.maxConcurrency();
        if (s.jx().maxConcurrency() != null) {
            JsonNode m = s.jx().maxConcurrency().evaluate(bindings(v, states), "MaxConcurrency");
            if (!m.isIntegralNumber() || m.asInt() < 0) {
                throw new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The MaxConcurrency of Map state '"
                        + s.name() + "' must evaluate to a non-negative integer");
            }
            limit = m.asInt();
        }
        List<JsonNode> inputs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (s.jx().itemSelector() == null) {
                inputs.add(items.get(i));
            } else {
                ObjectNode mapItem = Json.object();
                mapItem.put("Index", i);
                mapItem.set("Value", items.get(i));
                ObjectNode itemStates = Json.object();
                itemStates.set("input", v.raw);
                itemStates.set("context", context(v, mapItem));
                inputs.add(s.jx().itemSelector().evaluate(bindings(v, itemStates), "ItemSelector"));
            }
        }
        ObjectNode started = Json.object();
        started.put("length", inputs.size());
        record(v.lane, "MapStateStarted", s, v.id, started);
        return s.distributed() == null ? new MapRun(v, inputs, limit == 0 ? Integer.MAX_VALUE : limit).start()
                : distributedMap(v, v.raw, inputs, limit);
    }

    // ---------------------------------------------------------------- Distributed Map

    static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";

    /** Map Runs this interpreter started or took over (a resumed Map state takes over its unfinished run once). */
    private final java.util.Set<String> claimedMapRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A Distributed Map: the items (grouped by ItemBatcher) run as child executions of a Map Run, at most
     * MaxConcurrency at once; the result is their outputs in item order, a failed child's place holding its Error
     * and Cause while the failures stay within ToleratedFailureCount/Percentage (else
     * States.ExceedToleratedFailureThreshold). A Map state resumed after a restart takes over its unfinished Map Run:
     * its STANDARD children have ARNs derived from the run and its index, so those already started are not run again.
     */
    private CompletableFuture<JsonNode> distributedMap(Visit v, JsonNode effective, List<JsonNode> items, int limit) {
        State s = v.state;
        State.Distributed d = s.distributed();
        Number percentage = number(v, effective, d.toleratedPercentage(), d.toleratedPercentagePath(),
                d.toleratedPercentageX(), "ToleratedFailurePercentage", 100, false);
        Number count = number(v, effective, d.toleratedCount(), d.toleratedCountPath(), d.toleratedCountX(),
                "ToleratedFailureCount", Integer.MAX_VALUE, true);
        List<JsonNode> inputs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        State.Batcher b = d.batcher();
        if (b == null) {
            inputs.addAll(items);
            items.forEach(i -> sizes.add(1));
        } else {
            Number maxItems = number(v, effective, b.maxItems(), b.maxItemsPath(), b.maxItemsX(), "MaxItemsPerBatch",
                    Integer.MAX_VALUE, true);
            Number maxBytes = number(v, effective, b.maxBytes(), b.maxBytesPath(), b.maxBytesX(),
                    "MaxInputBytesPerBatch", 262_144, true);
            JsonNode batchInput = b.batchInput() != null ? b.batchInput().evaluate(env(v, effective, null))
                    : b.batchInputX() != null ? b.batchInputX().evaluate(bindings(v, jsonataStates(v, v.raw)),
                            "BatchInput") : null;
            batch(items, maxItems == null ? Integer.MAX_VALUE : Math.max(1, maxItems.intValue()),
                    maxBytes == null ? Long.MAX_VALUE : maxBytes.longValue(), batchInput, inputs, sizes);
        }
        String parentArn = machine.arn().contains("/") ? machine.arn().substring(0, machine.arn().indexOf('/'))
                : machine.arn();
        MapRuns runs = env.children().mapRuns();
        String reused = unfinishedMapRun(s);
        MapRuns.MapRun run = reused == null ? null : runs.find(reused).orElse(null);
        if (run == null) {
            String label = d.label() != null ? d.label() : env.uuid();
            String childMachine = parentArn + "/" + label;
            String arn = reused != null ? reused
                    : childMachine.replace(":stateMachine:", ":mapRun:") + ":" + env.uuid();
            int[] perChild = sizes.stream().mapToInt(Integer::intValue).toArray();
            run = new MapRuns.MapRun(arn, execution.arn(), childMachine, s.name(), now(), d.express(), perChild, limit,
                    percentage == null ? null : percentage.doubleValue(), count == null ? null : count.longValue());
            runs.add(run);
        }
        claimedMapRuns.add(run.arn());
        if (reused == null) {
            ObjectNode started = Json.object();
            started.put("mapRunArn", run.arn());
            started.set(MapRuns.SETTINGS, run.settings());
            record(v.lane, "MapRunStarted", s, v.id, started);
        }
        StateMachine child = StateMachine.child(run.stateMachineArn(), d.processor());
        return new DistributedRun(v, run, child, inputs).start();
    }

    /** The Map Run a resumed Map state left unfinished (since the run's start or last redrive), if not yet taken. */
    private String unfinishedMapRun(State s) {
        List<String> open = new ArrayList<>();
        for (HistoryEvent event : execution.history()) {
            if (event.type().equals("ExecutionRedriven")) {
                open.clear();
            } else if (s.name().equals(event.stateName())) {
                if (event.type().equals("MapRunStarted")) {
                    open.add(event.details().path("mapRunArn").asText());
                } else if ((event.type().equals("MapRunSucceeded") || event.type().equals("MapRunFailed"))
                        && !open.isEmpty()) {
                    open.remove(0);
                }
            }
        }
        return open.stream().filter(arn -> !claimedMapRuns.contains(arn)).findFirst().orElse(null);
    }

    /**
     * Groups items into batches of at most {@code maxItems} items and {@code maxBytes} bytes of input (a batch's
     * {"Items": [...], "BatchInput": ...} as JSON; an item bigger than that alone makes a batch).
     */
    private static void batch(List<JsonNode> items, int maxItems, long maxBytes, JsonNode batchInput,
                              List<JsonNode> inputs, List<Integer> sizes) {
        long overhead = "{\"Items\":[]}".length() + (batchInput == null ? 0
                : ",\"BatchInput\":".length() + Json.write(batchInput).getBytes(StandardCharsets.UTF_8).length);
        ArrayNode current = null;
        long bytes = 0;
        for (JsonNode item : items) {
            long size = Json.write(item).getBytes(StandardCharsets.UTF_8).length;
            if (current != null && (current.size() >= maxItems || bytes + 1 + size > maxBytes)) {
                inputs.add(batchInput(current, batchInput));
                sizes.add(current.size());
                current = null;
            }
            if (current == null) {
                current = Json.NODES.arrayNode();
                bytes = overhead + size;
            } else {
                bytes += 1 + size;
            }
            current.add(item);
        }
        if (current != null) {
            inputs.add(batchInput(current, batchInput));
            sizes.add(current.size());
        }
    }

    private static JsonNode batchInput(ArrayNode items, JsonNode batchInput) {
        ObjectNode input = Json.object();
        if (batchInput != null) {
            input.set("BatchInput", batchInput);
        }
        input.set("Items", items);
        return input;
    }

    /** A Distributed Map number: a literal, a JSONPath reference or a JSONata expression (null when absent). */
    private Number number(Visit v, JsonNode effective, Number literal, JsonPath path, JsonataTemplate expression,
                          String field, long max, boolean integral) {
        if (literal != null) {
            return literal;
        }
        JsonNode value;
        if (path != null) {
            value = path.read(effective, scope(v));
        } else if (expression != null) {
            value = expression.evaluate(bindings(v, jsonataStates(v, v.raw)), field);
        } else {
            return null;
        }
        if (value == null || !value.isNumber() || (integral && !value.isIntegralNumber()) || value.asDouble() < 0
                || value.asDouble() > max) {
            String what = field + " of Map state '" + v.state.name() + "' must be " + (integral ? "an integer"
                    : "a number") + " from 0 to " + max + ", got " + (value == null ? "nothing" : Json.write(value));
            throw path != null ? StatesError.runtime(field + "Path '" + path + "': the " + what)
                    : new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The " + what);
        }
        return value.numberValue();
    }

    /** Runs the child executions of one Map Run. */
    private final class DistributedRun {
        private final Visit v;
        private final MapRuns.MapRun run;
        private final StateMachine child;
        private final List<JsonNode> inputs;
        private final JsonNode[] results;
        private final Execution[] started;
        private final CompletableFuture<JsonNode> all = new CompletableFuture<>();
        private int next;
        private int inFlight;
        private int finished;
        private int failedItems;

        DistributedRun(Visit v, MapRuns.MapRun run, StateMachine child, List<JsonNode> inputs) {
            this.v = v;
            this.run = run;
            this.child = child;
            this.inputs = inputs;
            this.results = new JsonNode[inputs.size()];
            this.started = new Execution[inputs.size()];
        }

        CompletableFuture<JsonNode> start() {
            run.onUpdate = () -> env.scheduler().execute(this::pump);
            execution.completion().thenRun(() -> env.scheduler().execute(this::parentClosed));
            env.scheduler().execute(() -> {
                synchronized (this) {
                    if (inputs.isEmpty()) {
                        succeed();
                    } else {
                        pump();
                    }
                }
            });
            return all;
        }

        private synchronized void pump() {
            if (all.isDone()) {
                return;
            }
            if (v.lane.stopped()) {
                abortChildren();
                run.close(MapRuns.Status.ABORTED, now());
                all.completeExceptionally(new CancellationException("execution stopped"));
                return;
            }
            if (failedItems > 0 && exceeded()) {
                fail();
                return;
            }
            int limit = run.maxConcurrency() == 0 ? Integer.MAX_VALUE : run.maxConcurrency();
            while (next < inputs.size() && inFlight < limit) {
                launch(next++);
            }
        }

        private void launch(int index) {
            inFlight++;
            String name = MapRuns.childName(run.arn(), index);
            String arn = run.express()
                    ? run.stateMachineArn().replace(":stateMachine:", ":express:") + ":" + name + ":"
                            + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
                    : run.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
            Execution c = env.children().start(child, arn, name, inputs.get(index), run.express(), run.arn());
            started[index] = c;
            c.completion().thenAccept(done -> env.scheduler().execute(() -> done(index, done)));
        }

        private synchronized void done(int index, Execution c) {
            if (all.isDone()) {
                return;
            }
            inFlight--;
            finished++;
            if (c.status() == ExecutionStatus.SUCCEEDED) {
                results[index] = c.output();
            } else {
                failedItems += run.items(index);
                ObjectNode failure = Json.object();
                failure.put("Error", c.error());
                failure.put("Cause", c.cause());
                results[index] = failure;
            }
            if (finished == inputs.size() && !(failedItems > 0 && exceeded())) {
                succeed();
            } else {
                pump();
            }
        }

        /** The failures are over the threshold: more than the count, or more than the percentage of the items. */
        private boolean exceeded() {
            Double percentage = run.percentageOrNull();
            Long count = run.countOrNull();
            if (percentage == null && count == null) {
                return true;
            }
            return (count != null && failedItems > count)
                    || (percentage != null && failedItems * 100.0 / run.totalItems() > percentage);
        }

        private void fail() {
            abortChildren();
            String cause = "The Map Run " + run.arn() + " failed: " + failedItems + " of " + run.totalItems()
                    + " items failed, over the tolerated failure threshold (ToleratedFailureCount "
                    + (run.countOrNull() == null ? "not set" : run.countOrNull()) + ", ToleratedFailurePercentage "
                    + (run.percentageOrNull() == null ? "not set" : run.percentageOrNull()) + ")";
            run.close(MapRuns.Status.FAILED, now());
            ObjectNode details = Json.object();
            details.put("error", EXCEED_TOLERATED_FAILURE_THRESHOLD);
            details.put("cause", cause);
            record(v.lane, "MapRunFailed", v.state, v.id, details);
            record(v.lane, "MapStateFailed", v.state, v.id, Json.object());
            all.completeExceptionally(new StatesError(EXCEED_TOLERATED_FAILURE_THRESHOLD, cause));
        }

        private void succeed() {
            run.close(MapRuns.Status.SUCCEEDED, now());
            ArrayNode array = Json.NODES.arrayNode();
            for (JsonNode r : results) {
                array.add(r);
            }
            record(v.lane, "MapRunSucceeded", v.state, v.id, Json.object());
            record(v.lane, "MapStateSucceeded", v.state, v.id, Json.object());
            all.complete(array);
        }

        /** The parent closed (stopped, failed elsewhere, timed out): the children still running are aborted. */
        private synchronized void parentClosed() {
            if (run.status() == MapRuns.Status.RUNNING && execution.isClosed()) {
                abortChildren();
                run.close(MapRuns.Status.ABORTED, now());
                all.completeExceptionally(new CancellationException("execution stopped"));
            }
        }

        private void abortChildren() {
            for (Execution c : started) {
                if (c != null && !c.isClosed()) {
                    env.children().abort(c);
                }
            }
        }
    }

    // ---------------------------------------------------------------- JSONata and variables

    /** {@code $states} of a JSONata state: its input and the context object. */
    private ObjectNode jsonataStates(Visit v, JsonNode input) {
        ObjectNode states = Json.object();
        states.set("input", input);
        states.set("context", context(v, null));
        return states;
    }

    private JsonataTemplate.Bindings bindings(Visit v, ObjectNode states) {
        return new JsonataTemplate.Bindings(states, v.lane.variables.visible(), env::uuid);
    }

    /** The Output field's value, or {@code fallback} (the state's default output) when there is none. */
    private JsonNode output(Visit v, JsonataTemplate output, JsonNode fallback, ObjectNode states) {
        return output == null ? fallback : output.evaluate(bindings(v, states), "Output");
    }

    private JsonNode arguments(Visit v) {
        JsonataTemplate arguments = v.state.jx().arguments();
        return arguments == null ? v.raw : arguments.evaluate(bindings(v, jsonataStates(v, v.raw)), "Arguments");
    }

    private String jsonataString(Visit v, JsonataTemplate template, ObjectNode states, String field, String fallback) {
        if (template == null) {
            return fallback;
        }
        JsonNode value = template.evaluate(bindings(v, states), field);
        if (!value.isTextual()) {
            throw new StatesError(JsonataTemplate.QUERY_EVALUATION_ERROR, "The " + field + " of Fail state '"
                    + v.state.name() + "' must evaluate to a string, got " + Json.write(value));
        }
        return value.asText();
    }

    /**
     * Evaluates an Assign field and sets its variables in the visit's scope. JSONPath: {@code jsonPathInput} is what
     * {@code $} means (the state's result, or its input for Choice and Wait); JSONata: {@code states} is bound.
     */
    private void assign(Visit v, State.Assignment assignment, JsonNode jsonPathInput, ObjectNode states) {
        if (assignment == null) {
            return;
        }
        JsonNode values = assignment.jsonPath() != null
                ? assignment.jsonPath().evaluate(env(v, jsonPathInput, null))
                : assignment.jsonata().evaluate(bindings(v, states), "Assign");
        java.util.Map<String, JsonNode> all = new java.util.LinkedHashMap<>();
        ObjectNode recorded = Json.object();
        values.properties().forEach(e -> {
            all.put(e.getKey(), e.getValue());
            recorded.put(e.getKey(), Json.write(e.getValue()));
        });
        v.lane.variables.assignAll(all);
        v.assigned = recorded;
    }

    /** Runs Map iterations with at most {@code limit} in flight. */
    private final class MapRun {
        private final Visit v;
        private final List<JsonNode> inputs;
        private final int limit;
        private final JsonNode[] results;
        private final List<Lane> lanes = new ArrayList<>();
        private final CompletableFuture<JsonNode> all = new CompletableFuture<>();
        private int nextIndex;
        private int finished;

        MapRun(Visit v, List<JsonNode> inputs, int limit) {
            this.v = v;
            this.inputs = inputs;
            this.limit = limit;
            this.results = new JsonNode[inputs.size()];
        }

        CompletableFuture<JsonNode> start() {
            synchronized (this) {
                if (inputs.isEmpty()) {
                    succeed();
                }
                while (nextIndex < inputs.size() && nextIndex < limit) {
                    launch(nextIndex++);
                }
            }
            return all;
        }

        private void launch(int index) {
            Lane lane = new Lane(v.lane);
            lanes.add(lane);
            ObjectNode details = Json.object();
            details.put("name", v.state.name());
            details.put("index", index);
            record(lane, "MapIterationStarted", v.state, v.id, details);
            env.scheduler().execute(() -> runBranch(v.state.iterator(), inputs.get(index), lane)
                    .whenComplete((out, err) -> done(index, lane, out, err)));
        }

        private synchronized void done(int index, Lane lane, JsonNode out, Throwable err) {
            if (all.isDone()) {
                return;
            }
            ObjectNode details = Json.object();
            details.put("name", v.state.name());
            details.put("index", index);
            if (err != null) {
                record(lane, "MapIterationFailed", v.state, v.id, details);
                lanes.forEach(l -> l.cancelled = true);
                v.lane.last = Math.max(v.lane.last, lane.last);
                record(v.lane, "MapStateFailed", v.state, v.id, Json.object());
                all.completeExceptionally(unwrap(err));
                return;
            }
            record(lane, "MapIterationSucceeded", v.state, v.id, details);
            v.lane.last = Math.max(v.lane.last, lane.last);
            results[index] = out;
            finished++;
            if (finished == inputs.size()) {
                succeed();
            } else if (nextIndex < inputs.size()) {
                launch(nextIndex++);
            }
        }

        private void succeed() {
            ArrayNode array = Json.NODES.arrayNode();
            for (JsonNode r : results) {
                array.add(r);
            }
            record(v.lane, "MapStateSucceeded", v.state, v.id, Json.object());
            all.complete(array);
        }
    }

    // ---------------------------------------------------------------- input and output processing

    private JsonNode inputPath(Visit v, JsonNode raw) {
        return select(v.state.inputPath(), raw, "InputPath", v);
    }

    private JsonNode outputPath(Visit v, JsonNode value) {
        return select(v.state.outputPath(), value, "OutputPath", v);
    }

    private JsonNode select(State.IoPath path, JsonNode value, String field, Visit v) {
        if (path.isNull()) {
            return Json.object();
        }
        if (path.path().isRoot()) {
            return value;
        }
        JsonNode selected = path.path().read(value, scope(v));
        if (selected == null) {
            throw StatesError.runtime("Invalid path '" + path.path() + "' : No results for path (" + field + ")");
        }
        return selected;
    }

    private JsonNode parameters(Visit v, JsonNode input) {
        return v.state.parameters() == null ? input : v.state.parameters().evaluate(env(v, input, null));
    }

    private static JsonNode resultPath(State.IoPath path, JsonNode raw, JsonNode result) {
        if (path.isNull()) {
            return raw;
        }
        try {
            return path.path().write(raw, result);
        } catch (IllegalArgumentException e) {
            throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE, e.getMessage());
        }
    }

    private Intrinsic.Env env(Visit v, JsonNode input, ObjectNode mapItem) {
        return new Intrinsic.Env(input, context(v, mapItem), env::uuid, v.lane.variables::get);
    }

    /** What the paths of a visit can read besides its input: the context object (made on demand) and variables. */
    private PathScope scope(Visit v) {
        return new PathScope() {
            @Override
            public JsonNode context() {
                return Interpreter.this.context(v, null);
            }

            @Override
            public JsonNode variable(String name) {
                return v.lane.variables.get(name);
            }
        };
    }

    /** The context object ($$) as Step Functions documents it. */
    private ObjectNode context(Visit v, ObjectNode mapItem) {
        ObjectNode c = Json.object();
        ObjectNode e = c.putObject("Execution");
        e.put("Id", execution.arn());
        e.set("Input", execution.input());
        e.put("Name", execution.name());
        e.put("RoleArn", roleArn());
        e.put("StartTime", Times.format(execution.startDate()));
        e.put("RedriveCount", 0);
        ObjectNode st = c.putObject("State");
        st.put("EnteredTime", Times.format(v.entered));
        st.put("Name", v.state.name());
        st.put("RetryCount", v.retryCount);
        if (v.token != null) {
            c.putObject("Task").put("Token", v.token);
        }
        ObjectNode sm = c.putObject("StateMachine");
        sm.put("Id", machine.arn());
        sm.put("Name", machine.name());
        if (mapItem != null) {
            c.putObject("Map").set("Item", mapItem);
        }
        return c;
    }

    // ---------------------------------------------------------------- helpers

    private long record(Lane lane, String type, State s, long visit, ObjectNode details) {
        if (lane.stopped()) {
            return 0;
        }
        long id = execution.append(run, now(), type, lane.last, s == null ? null : s.name(), visit, details);
        if (id > 0) {
            lane.last = id;
        }
        return id;
    }

    private Instant now() {
        return env.scheduler().now();
    }

    private static ObjectNode truncatedFalse() {
        return Json.object().put("truncated", false);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static StatesError asStatesError(Throwable t) {
        if (t instanceof StatesError e) {
            return e;
        }
        return StatesError.runtime("Internal error: " + t);
    }

    private static StatesError decorate(Visit v, StatesError e) {
        if (StatesError.RUNTIME.equals(e.error()) && !e.errorCause().startsWith("An error occurred while executing")) {
            return new StatesError(e.error(), "An error occurred while executing the state '" + v.state.name()
                    + "' (entered at the event id #" + v.id + "). " + e.errorCause());
        }
        return e;
    }
}
