package dev.ordersprofiles.local.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.asl.AslDefinitionException;
import dev.ordersprofiles.local.asl.Execution;
import dev.ordersprofiles.local.asl.ExecutionAlreadyExists;
import dev.ordersprofiles.local.asl.ExecutionStatus;
import dev.ordersprofiles.local.asl.Executions;
import dev.ordersprofiles.local.asl.HistoryEvent;
import dev.ordersprofiles.local.asl.MapRuns;
import dev.ordersprofiles.local.asl.MockConfig;
import dev.ordersprofiles.local.asl.MockTestCase;
import dev.ordersprofiles.local.asl.StateMachine;
import dev.ordersprofiles.local.asl.StateTest;
import dev.ordersprofiles.local.asl.TaskTokenRejected;
import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The Step Functions API (AWS JSON 1.0: {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.<Operation>})
 * over the embedded interpreter: state machines (create, update, describe, list, delete), executions (start,
 * start sync for EXPRESS machines, describe, history, list, stop, redrive; EXPRESS executions answered as AWS
 * answers them, docs/architecture.md §8.3). Errors have AWS's shape: HTTP 400,
 * {@code __type} and {@code message} in the body and the {@code X-Amzn-ErrorType} header. SendTaskSuccess,
 * SendTaskFailure and SendTaskHeartbeat answer the interpreter's {@code .waitForTaskToken} tasks (InvalidToken,
 * TaskDoesNotExist, TaskTimedOut, InvalidOutput as {@code TaskTokenRejected} names them).
 */
public final class StepFunctionsApi {
    public static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final long SYNC_LIMIT_SECONDS = 300;

    private final StateMachines machines;
    private final Executions executions;
    private final String region;
    private final String accountId;
    private final Clock clock;
    private final MockConfig mocks;
    private final List<Held> held = new ArrayList<>();
    private boolean holding;

    /** A StartExecution accepted while starts are held: run at {@link #release()}. */
    private record Held(StateMachine machine, String name, String arn, String input, MockTestCase mocks) {
    }

    public StepFunctionsApi(StateMachines machines, Executions executions, String region, String accountId,
                            Clock clock) {
        this(machines, executions, region, accountId, clock, MockConfig.empty());
    }

    /**
     * With the test cases of a mock configuration file: StartExecution of {@code <stateMachineArn>#<TestCase>} runs
     * the machine with that test case's mocked Task states, as Step Functions Local does.
     */
    public StepFunctionsApi(StateMachines machines, Executions executions, String region, String accountId,
                            Clock clock, MockConfig mocks) {
        this.mocks = mocks;
        this.machines = machines;
        this.executions = executions;
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
    }

    /** True for a request meant for this API: a POST whose X-Amz-Target names a Step Functions operation. */
    public boolean serves(HttpRequest request) {
        return request.method().equals("POST")
                && request.header("X-Amz-Target").map(t -> t.startsWith(TARGET_PREFIX)).orElse(false);
    }

    public HttpResponse handle(HttpRequest request) {
        String operation = request.header("X-Amz-Target").orElse("").substring(TARGET_PREFIX.length());
        ObjectNode in;
        try {
            JsonNode body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
            if (!(body instanceof ObjectNode object)) {
                throw new Failure("SerializationException", "the request body must be a JSON object");
            }
            in = object;
            return HttpResponse.of(200, "application/x-amz-json-1.0",
                    JSON.writeValueAsBytes(dispatch(operation, in)));
        } catch (Failure f) {
            return error(f.type, f.getMessage());
        } catch (IOException e) {
            return error("SerializationException", "the request body is not valid JSON");
        }
    }

    private ObjectNode dispatch(String operation, ObjectNode in) {
        return switch (operation) {
            case "CreateStateMachine" -> createStateMachine(in);
            case "UpdateStateMachine" -> updateStateMachine(in);
            case "DescribeStateMachine" -> describeStateMachine(in);
            case "ListStateMachines" -> listStateMachines(in);
            case "DeleteStateMachine" -> deleteStateMachine(in);
            case "StartExecution" -> startExecution(in, false);
            case "StartSyncExecution" -> startExecution(in, true);
            case "DescribeExecution" -> describeExecution(in);
            case "GetExecutionHistory" -> history(in);
            case "ListExecutions" -> listExecutions(in);
            case "StopExecution" -> stopExecution(in);
            case "RedriveExecution" -> redriveExecution(in);
            case "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat" -> sendTask(operation, in);
            case "TestState" -> testState(in);
            case "DescribeMapRun" -> describeMapRun(in);
            case "ListMapRuns" -> listMapRuns(in);
            case "UpdateMapRun" -> updateMapRun(in);
            default -> throw new Failure("UnknownOperationException", "Unknown operation " + operation);
        };
    }

    // ---------------------------------------------------------------- TestState

    /** How long TestState waits for its state (a Wait or a callback task would hold it longer). */
    private static final Duration TEST_STATE_LIMIT = Duration.ofSeconds(60);

    private ObjectNode testState(ObjectNode in) {
        String definition = required(in, "definition");
        String input = optional(in, "input").orElse("{}");
        try {
            JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new Failure("InvalidExecutionInput", "Invalid State Machine Execution Input: 'the input is not JSON'");
        }
        String levelName = optional(in, "inspectionLevel").orElse("INFO");
        StateTest.Level level;
        try {
            level = StateTest.Level.valueOf(levelName);
        } catch (IllegalArgumentException e) {
            throw new Failure("ValidationException", "inspectionLevel must be INFO, DEBUG or TRACE, not '"
                    + levelName + "'");
        }
        StateTest.Result result;
        try {
            result = StateTest.run(executions, region, accountId, definition, input,
                    optional(in, "variables").orElse(null), level, TEST_STATE_LIMIT);
        } catch (AslDefinitionException e) {
            throw new Failure("InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
        } catch (IllegalArgumentException e) {
            throw new Failure("ValidationException", "variables: " + e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode();
        if (result.output() != null) {
            out.put("output", write(result.output()));
        }
        if (result.error() != null) {
            out.put("error", result.error());
        }
        if (result.cause() != null) {
            out.put("cause", result.cause());
        }
        if (result.inspectionData() != null) {
            out.set("inspectionData", result.inspectionData());
        }
        if (result.nextState() != null) {
            out.put("nextState", result.nextState());
        }
        out.put("status", result.status());
        return out;
    }

    // ---------------------------------------------------------------- Map Runs

    private MapRuns.MapRun mapRun(String arn) {
        if (!arn.startsWith("arn:aws:states:") || !arn.contains(":mapRun:")) {
            throw new Failure("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return executions.mapRuns().find(arn).orElseThrow(() -> new Failure("ResourceNotFound",
                "Resource not found: '" + arn + "'"));
    }

    private ObjectNode describeMapRun(ObjectNode in) {
        MapRuns.MapRun run = mapRun(required(in, "mapRunArn"));
        ObjectNode out = JSON.createObjectNode();
        out.put("mapRunArn", run.arn());
        out.put("executionArn", run.executionArn());
        out.put("status", run.status().name());
        out.put("startDate", seconds(run.startDate()));
        run.stopDate().ifPresent(d -> out.put("stopDate", seconds(d)));
        out.put("maxConcurrency", run.maxConcurrency());
        out.put("toleratedFailurePercentage", (float) run.toleratedFailurePercentage());
        out.put("toleratedFailureCount", run.toleratedFailureCount());
        long[] items = new long[6];
        long[] children = new long[6];
        java.util.Map<String, Execution> byName = new java.util.HashMap<>();
        executions.children(run.arn()).forEach(e -> byName.put(e.name(), e));
        for (int i = 0; i < run.children(); i++) {
            Execution child = byName.get(MapRuns.childName(run.arn(), i));
            int slot;
            if (child == null) {
                // not started yet, or an EXPRESS child the service no longer remembers
                slot = run.status() == MapRuns.Status.RUNNING ? 0 : run.status() == MapRuns.Status.SUCCEEDED ? 2 : 5;
            } else {
                slot = switch (child.status()) {
                    case RUNNING -> 1;
                    case SUCCEEDED -> 2;
                    case FAILED -> 3;
                    case TIMED_OUT -> 4;
                    case ABORTED -> 5;
                };
            }
            items[slot] += run.items(i);
            children[slot]++;
        }
        out.set("itemCounts", counts(items));
        out.set("executionCounts", counts(children));
        out.put("redriveCount", 0);
        return out;
    }

    private static ObjectNode counts(long[] c) {
        ObjectNode counts = JSON.createObjectNode();
        counts.put("pending", c[0]);
        counts.put("running", c[1]);
        counts.put("succeeded", c[2]);
        counts.put("failed", c[3]);
        counts.put("timedOut", c[4]);
        counts.put("aborted", c[5]);
        counts.put("total", c[0] + c[1] + c[2] + c[3] + c[4] + c[5]);
        counts.put("resultsWritten", 0);
        counts.put("failuresNotRedrivable", 0);
        counts.put("pendingRedrive", 0);
        return counts;
    }

    private ObjectNode listMapRuns(ObjectNode in) {
        Execution execution = execution(required(in, "executionArn"));
        List<ObjectNode> items = new ArrayList<>();
        for (MapRuns.MapRun run : executions.mapRuns().of(execution.arn())) {
            ObjectNode item = JSON.createObjectNode();
            item.put("executionArn", run.executionArn());
            item.put("mapRunArn", run.arn());
            item.put("stateMachineArn", run.stateMachineArn());
            item.put("startDate", seconds(run.startDate()));
            run.stopDate().ifPresent(d -> item.put("stopDate", seconds(d)));
            items.add(item);
        }
        return page(in, items, "mapRuns");
    }

    private ObjectNode updateMapRun(ObjectNode in) {
        MapRuns.MapRun run = mapRun(required(in, "mapRunArn"));
        Integer concurrency = in.hasNonNull("maxConcurrency") ? in.get("maxConcurrency").asInt() : null;
        Double percentage = in.hasNonNull("toleratedFailurePercentage")
                ? in.get("toleratedFailurePercentage").asDouble() : null;
        Long count = in.hasNonNull("toleratedFailureCount") ? in.get("toleratedFailureCount").asLong() : null;
        if (concurrency == null && percentage == null && count == null) {
            throw new Failure("ValidationException", "at least one of maxConcurrency, toleratedFailurePercentage and "
                    + "toleratedFailureCount must be given");
        }
        try {
            run.update(concurrency, percentage, count);
        } catch (IllegalArgumentException e) {
            throw new Failure("ValidationException", e.getMessage());
        }
        return JSON.createObjectNode();
    }

    // ---------------------------------------------------------------- task tokens

    private ObjectNode sendTask(String operation, ObjectNode in) {
        String token = required(in, "taskToken");
        if (token.length() > 2048) {
            throw new Failure("ValidationException", "taskToken must be at most 2048 characters");
        }
        try {
            switch (operation) {
                case "SendTaskSuccess" -> executions.sendTaskSuccess(token, required(in, "output"));
                case "SendTaskFailure" -> {
                    Optional<String> error = optional(in, "error");
                    Optional<String> cause = optional(in, "cause");
                    if (error.map(String::length).orElse(0) > 256) {
                        throw new Failure("ValidationException", "error must be at most 256 characters");
                    }
                    if (cause.map(String::length).orElse(0) > 32768) {
                        throw new Failure("ValidationException", "cause must be at most 32768 characters");
                    }
                    executions.sendTaskFailure(token, error.orElse(null), cause.orElse(null));
                }
                default -> executions.sendTaskHeartbeat(token);
            }
        } catch (TaskTokenRejected e) {
            throw new Failure(e.reason().name(), e.getMessage());
        }
        return JSON.createObjectNode();
    }

    // ---------------------------------------------------------------- state machines

    private ObjectNode createStateMachine(ObjectNode in) {
        String name = required(in, "name");
        if (!NAME.matcher(name).matches()) {
            throw new Failure("InvalidName", "Invalid Name: '" + name + "'");
        }
        String type = optional(in, "type").orElse("STANDARD");
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
            throw new Failure("ValidationException", "type must be STANDARD or EXPRESS, not '" + type + "'");
        }
        String arn = StateMachine.arnFor(region, accountId, name);
        StateMachine machine = load(arn, required(in, "definition"), type);
        Instant now = clock.instant();
        if (!machines.add(machine, type, required(in, "roleArn"), now)) {
            StateMachines.Entry existing = machines.find(arn).orElseThrow();
            if (!existing.machine().definition().equals(machine.definition()) || !existing.type().equals(type)) {
                throw new Failure("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            now = existing.creationDate();
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("stateMachineArn", arn);
        out.put("creationDate", seconds(now));
        return out;
    }

    private ObjectNode updateStateMachine(ObjectNode in) {
        String arn = required(in, "stateMachineArn");
        StateMachines.Entry entry = machine(arn);
        Optional<String> definition = optional(in, "definition");
        Optional<String> role = optional(in, "roleArn");
        if (definition.isEmpty() && role.isEmpty()) {
            throw new Failure("MissingRequiredParameter", "Either the definition or the roleArn must be specified");
        }
        StateMachine machine = definition.map(d -> load(arn, d, entry.type())).orElse(entry.machine());
        StateMachines.Entry updated = machines.update(machine, role.orElse(null))
                .orElseThrow(() -> doesNotExist(arn));
        ObjectNode out = JSON.createObjectNode();
        out.put("updateDate", seconds(clock.instant()));
        out.put("revisionId", updated.revisionId());
        return out;
    }

    private ObjectNode describeStateMachine(ObjectNode in) {
        StateMachines.Entry entry = machine(required(in, "stateMachineArn"));
        ObjectNode out = JSON.createObjectNode();
        out.put("stateMachineArn", entry.arn());
        out.put("name", entry.name());
        out.put("status", "ACTIVE");
        out.put("definition", write(entry.machine().definition()));
        out.put("roleArn", entry.roleArn());
        out.put("type", entry.type());
        out.put("creationDate", seconds(entry.creationDate()));
        out.put("revisionId", entry.revisionId());
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        return out;
    }

    private ObjectNode listStateMachines(ObjectNode in) {
        List<ObjectNode> items = new ArrayList<>();
        for (StateMachines.Entry entry : machines.list()) {
            ObjectNode item = JSON.createObjectNode();
            item.put("stateMachineArn", entry.arn());
            item.put("name", entry.name());
            item.put("type", entry.type());
            item.put("creationDate", seconds(entry.creationDate()));
            items.add(item);
        }
        return page(in, items, "stateMachines");
    }

    private ObjectNode deleteStateMachine(ObjectNode in) {
        String arn = required(in, "stateMachineArn");
        requireStateMachineArn(arn);
        machines.remove(arn); // AWS answers success for a machine that is gone already
        return JSON.createObjectNode();
    }

    // ---------------------------------------------------------------- executions

    private ObjectNode startExecution(ObjectNode in, boolean sync) {
        String machineArn = required(in, "stateMachineArn");
        MockTestCase testCase = null;
        int hash = machineArn.indexOf('#');
        if (hash >= 0) {
            String caseName = machineArn.substring(hash + 1);
            machineArn = machineArn.substring(0, hash);
            requireStateMachineArn(machineArn);
            String machineName = machineArn.substring(machineArn.lastIndexOf(':') + 1);
            testCase = mocks.testCase(machineName, caseName).orElseThrow(() -> new Failure("InvalidName",
                    "Invalid mock test case name '" + caseName + "' for state machine '" + machineName
                            + "': the mock configuration (--sfn-mock-config) has no such test case"));
        }
        StateMachines.Entry entry = machine(machineArn);
        boolean express = entry.type().equals("EXPRESS");
        if (sync && !express) {
            throw typeNotSupported();
        }
        String input = optional(in, "input").orElse("{}");
        try {
            JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new Failure("InvalidExecutionInput", "Invalid State Machine Execution Input: 'the input is not JSON'");
        }
        Optional<String> name = optional(in, "name");
        if (express) {
            return startExpress(entry, name, input, testCase, sync);
        }
        if (!sync) {
            Optional<ObjectNode> accepted = holdIfHolding(entry, name, input, testCase);
            if (accepted.isPresent()) {
                return accepted.get();
            }
        }
        name.ifPresent(n -> {
            String arn = entry.arn().replace(":stateMachine:", ":execution:") + ":" + n;
            // AWS hands back a running execution of the same name and input; a closed one is a conflict.
            if (executions.find(arn).filter(e -> e.status() != ExecutionStatus.RUNNING).isPresent()) {
                throw new Failure("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
        });
        Execution execution;
        try {
            execution = executions.start(entry.machine(), name.orElse(null), input, testCase);
        } catch (ExecutionAlreadyExists e) {
            throw new Failure("ExecutionAlreadyExists", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Failure("InvalidName", e.getMessage());
        }
        if (!sync) {
            return started(execution);
        }
        try {
            execution.completion().get(SYNC_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            executions.stop(execution.arn(), "States.Timeout", "the synchronous execution ran past "
                    + SYNC_LIMIT_SECONDS + " seconds");
        }
        ObjectNode out = syncOutcome(execution);
        return out;
    }

    /**
     * An EXPRESS machine's execution: StartExecution answers at once with the express ARN; StartSyncExecution waits
     * for the end (at most the five minutes an express execution may run) and answers with its outcome and billing.
     */
    private ObjectNode startExpress(StateMachines.Entry entry, Optional<String> name, String input,
                                    MockTestCase testCase, boolean sync) {
        Execution execution;
        try {
            execution = executions.startExpress(entry.machine(), name.orElse(null), input, testCase);
        } catch (IllegalArgumentException e) {
            throw new Failure("InvalidName", e.getMessage());
        }
        if (!sync) {
            return started(execution);
        }
        try {
            execution.completion().get(SYNC_LIMIT_SECONDS + 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the interpreter times the execution out at five minutes; an answer still RUNNING says so
        }
        ObjectNode out = syncOutcome(execution);
        Instant stop = execution.stopDate() == null ? clock.instant() : execution.stopDate();
        long millis = Math.max(1, Duration.between(execution.startDate(), stop).toMillis());
        // Billed as Express workflows are: duration rounded up to the next 100 ms, memory at least 64 MB.
        out.putObject("billingDetails").put("billedMemoryUsedInMB", 64)
                .put("billedDurationInMilliseconds", (millis + 99) / 100 * 100);
        return out;
    }

    /** StartExecution's answer. */
    private static ObjectNode started(Execution execution) {
        ObjectNode out = JSON.createObjectNode();
        out.put("executionArn", execution.arn());
        out.put("startDate", seconds(execution.startDate()));
        return out;
    }

    /** StartSyncExecution's answer: the execution's description without the redrive fields, which it has not. */
    private ObjectNode syncOutcome(Execution execution) {
        ObjectNode out = describe(execution);
        out.remove("redriveCount");
        out.remove("redriveStatus");
        out.remove("redriveDate");
        return out;
    }

    private static Failure typeNotSupported() {
        return new Failure("StateMachineTypeNotSupported", "This operation is not supported by this type of state "
                + "machine");
    }

    /**
     * Holds executions' starts, as if Step Functions took the calls but ran nothing yet: StartExecution answers as
     * usual (an execution ARN, a start date) and the execution begins at {@link #release()}. The console's
     * {@code /_local/workflow/hold} uses it to let a caller's work wait (e.g. to watch a schedule act on it).
     */
    public synchronized void hold() {
        holding = true;
    }

    /** Ends holding and starts what was held, in the order it came. @return how many executions started */
    public int release() {
        List<Held> starting;
        synchronized (this) {
            holding = false;
            starting = List.copyOf(held);
            held.clear();
        }
        int started = 0;
        for (Held h : starting) {
            try {
                executions.start(h.machine(), h.name(), h.input(), h.mocks());
                started++;
            } catch (ExecutionAlreadyExists | IllegalArgumentException e) {
                // started meanwhile under the same name (its input decides, as StartExecution does): nothing to add
            }
        }
        return started;
    }

    public synchronized boolean holding() {
        return holding;
    }

    private synchronized Optional<ObjectNode> holdIfHolding(StateMachines.Entry entry, Optional<String> name,
                                                            String input, MockTestCase testCase) {
        if (!holding) {
            return Optional.empty();
        }
        String executionName = name.orElseGet(() -> java.util.UUID.randomUUID().toString());
        if (!NAME.matcher(executionName).matches()) {
            throw new Failure("InvalidName", "Invalid Name: '" + executionName + "'");
        }
        String arn = entry.arn().replace(":stateMachine:", ":execution:") + ":" + executionName;
        Optional<Held> same = held.stream().filter(h -> h.arn().equals(arn)).findFirst();
        if (same.isPresent() && !same.get().input().equals(input)) {
            throw new Failure("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        if (same.isEmpty()) {
            held.add(new Held(entry.machine(), executionName, arn, input, testCase));
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("executionArn", arn);
        out.put("startDate", seconds(clock.instant()));
        return Optional.of(out);
    }

    private ObjectNode describeExecution(ObjectNode in) {
        String arn = required(in, "executionArn");
        if (!isMapRunChild(arn)) {
            refuseExpress(arn);
        }
        return describe(execution(arn));
    }

    /**
     * DescribeExecution, GetExecutionHistory, StopExecution and RedriveExecution do not take an EXPRESS execution
     * (AWS: InvalidArn, "Resource type not valid in this context: express").
     */
    private static void refuseExpress(String arn) {
        if (arn.startsWith("arn:aws:states:") && arn.contains(":express:")) {
            throw new Failure("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
        }
    }

    private boolean isMapRunChild(String arn) {
        return executions.find(arn).filter(e -> e.arn().equals(arn)).flatMap(Execution::mapRunArn).isPresent();
    }

    private ObjectNode describe(Execution execution) {
        ObjectNode out = JSON.createObjectNode();
        out.put("executionArn", execution.arn());
        out.put("stateMachineArn", execution.stateMachine().arn());
        out.put("name", execution.name());
        out.put("status", execution.status().name());
        out.put("startDate", seconds(execution.startDate()));
        if (execution.stopDate() != null) {
            out.put("stopDate", seconds(execution.stopDate()));
        }
        out.put("input", write(execution.input()));
        out.putObject("inputDetails").put("included", true);
        if (execution.output() != null) {
            out.put("output", write(execution.output()));
            out.putObject("outputDetails").put("included", true);
        }
        if (execution.error() != null) {
            out.put("error", execution.error());
        }
        if (execution.cause() != null) {
            out.put("cause", execution.cause());
        }
        execution.mapRunArn().ifPresent(m -> out.put("mapRunArn", m));
        out.put("redriveCount", execution.redriveCount());
        if (execution.redriveDate() != null) {
            out.put("redriveDate", seconds(execution.redriveDate()));
        }
        out.put("redriveStatus", execution.status() == ExecutionStatus.RUNNING ? "NOT_REDRIVABLE"
                : execution.status() == ExecutionStatus.SUCCEEDED ? "NOT_REDRIVABLE" : "REDRIVABLE");
        return out;
    }

    private ObjectNode history(ObjectNode in) {
        refuseExpress(required(in, "executionArn"));
        Execution execution = execution(required(in, "executionArn"));
        boolean reverse = in.path("reverseOrder").asBoolean(false);
        boolean data = !in.has("includeExecutionData") || in.get("includeExecutionData").asBoolean(true);
        List<HistoryEvent> events = new ArrayList<>(execution.history());
        if (reverse) {
            java.util.Collections.reverse(events);
        }
        List<ObjectNode> items = new ArrayList<>(events.size());
        for (HistoryEvent event : events) {
            ObjectNode json = event.toJson();
            json.put("timestamp", seconds(event.timestamp()));
            if (!data) {
                json.fields().forEachRemaining(f -> {
                    if (f.getValue() instanceof ObjectNode details) {
                        details.remove(List.of("input", "output", "parameters"));
                    }
                });
            }
            items.add(json);
        }
        return page(in, items, "events");
    }

    private ObjectNode listExecutions(ObjectNode in) {
        Optional<String> mapRunArn = optional(in, "mapRunArn");
        if (mapRunArn.isPresent() == optional(in, "stateMachineArn").isPresent()) {
            throw new Failure("ValidationException", "Must provide a StateMachine ARN or MapRun ARN, not both");
        }
        String machineArn = mapRunArn.isPresent() ? null : required(in, "stateMachineArn");
        MapRuns.MapRun run = mapRunArn.map(this::mapRun).orElse(null);
        if (run == null && machine(machineArn).type().equals("EXPRESS")) {
            throw typeNotSupported();
        }
        Optional<String> filter = optional(in, "statusFilter");
        ExecutionStatus status = null;
        if (filter.isPresent()) {
            try {
                status = ExecutionStatus.valueOf(filter.get());
            } catch (IllegalArgumentException e) {
                throw new Failure("ValidationException", "statusFilter must be one of RUNNING, SUCCEEDED, FAILED, "
                        + "TIMED_OUT, ABORTED, not '" + filter.get() + "'");
            }
        }
        List<ObjectNode> items = new ArrayList<>();
        for (Execution execution : run != null ? executions.children(run.arn()) : executions.list(machineArn)) {
            ExecutionStatus current = execution.status();
            if (status != null && current != status) {
                continue;
            }
            ObjectNode item = JSON.createObjectNode();
            item.put("executionArn", execution.arn());
            item.put("stateMachineArn", execution.stateMachine().arn());
            if (run != null) {
                item.put("mapRunArn", run.arn());
                int index = -1;
                for (int i = 0; i < run.children() && index < 0; i++) {
                    if (MapRuns.childName(run.arn(), i).equals(execution.name())) {
                        index = i;
                    }
                }
                item.put("itemCount", index < 0 ? 1 : run.items(index));
            }
            item.put("name", execution.name());
            item.put("status", current.name());
            item.put("startDate", seconds(execution.startDate()));
            if (execution.stopDate() != null) {
                item.put("stopDate", seconds(execution.stopDate()));
            }
            items.add(item);
        }
        return page(in, items, "executions");
    }

    private ObjectNode stopExecution(ObjectNode in) {
        refuseExpress(required(in, "executionArn"));
        Execution execution = execution(required(in, "executionArn"));
        executions.stop(execution.arn(), optional(in, "error").orElse(null), optional(in, "cause").orElse(null));
        ObjectNode out = JSON.createObjectNode();
        out.put("stopDate", seconds(execution.stopDate() == null ? clock.instant() : execution.stopDate()));
        return out;
    }

    private ObjectNode redriveExecution(ObjectNode in) {
        refuseExpress(required(in, "executionArn"));
        Execution execution = execution(required(in, "executionArn"));
        if (execution.status() == ExecutionStatus.RUNNING || execution.status() == ExecutionStatus.SUCCEEDED) {
            throw new Failure("ExecutionNotRedrivable", "Execution with status " + execution.status()
                    + " cannot be redriven: '" + execution.arn() + "'");
        }
        Execution redriven;
        try {
            redriven = executions.redrive(execution.arn());
        } catch (IllegalStateException e) {
            throw new Failure("ExecutionNotRedrivable", e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("redriveDate", seconds(redriven.redriveDate()));
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private StateMachine load(String arn, String definition, String type) {
        try {
            StateMachine machine = StateMachine.load(arn, definition);
            if (type.equals("EXPRESS")) {
                machine.requireExpressCompatible();
            }
            return machine;
        } catch (AslDefinitionException e) {
            throw new Failure("InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
        }
    }

    private StateMachines.Entry machine(String arn) {
        requireStateMachineArn(arn);
        return machines.find(arn).orElseThrow(() -> doesNotExist(arn));
    }

    private static void requireStateMachineArn(String arn) {
        if (!arn.startsWith("arn:aws:states:") || !arn.contains(":stateMachine:")) {
            throw new Failure("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
    }

    private static Failure doesNotExist(String arn) {
        return new Failure("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    private Execution execution(String arn) {
        if (!arn.startsWith("arn:aws:states:") || !(arn.contains(":execution:") || arn.contains(":express:"))) {
            throw new Failure("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return executions.find(arn).filter(e -> e.arn().equals(arn))
                .orElseThrow(() -> new Failure("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'"));
    }

    /** One page of {@code items} under {@code key}, paged by maxResults and an opaque nextToken. */
    private static ObjectNode page(ObjectNode in, List<ObjectNode> items, String key) {
        int max = in.path("maxResults").asInt(0);
        if (max < 0 || max > 1000) {
            throw new Failure("ValidationException", "maxResults must be between 0 and 1000");
        }
        if (max == 0) {
            max = 100;
        }
        int from = 0;
        Optional<String> token = optional(in, "nextToken");
        if (token.isPresent()) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token.get()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Failure("InvalidToken", "Invalid Token: '" + token.get() + "'");
            }
            if (from < 0 || from > items.size()) {
                throw new Failure("InvalidToken", "Invalid Token: '" + token.get() + "'");
            }
        }
        int to = Math.min(items.size(), from + max);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode array = out.putArray(key);
        items.subList(from, to).forEach(array::add);
        if (to < items.size()) {
            out.put("nextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String required(ObjectNode in, String field) {
        return optional(in, field).orElseThrow(() -> new Failure("ValidationException",
                "1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: "
                        + "Member must not be null"));
    }

    private static Optional<String> optional(ObjectNode in, String field) {
        JsonNode value = in.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new Failure("ValidationException", "'" + field + "' must be a string");
        }
        return Optional.of(value.asText());
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse error(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
        return HttpResponse.of(400, "application/x-amz-json-1.0", body.toString().getBytes(StandardCharsets.UTF_8))
                .with("X-Amzn-ErrorType", type);
    }

    /** A client error, answered as AWS does. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;

        Failure(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }
}
