package dev.ordersprofiles.local.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.local.asl.Executions;
import dev.ordersprofiles.local.asl.FileExecutionJournal;
import dev.ordersprofiles.local.asl.InvocationResult;
import dev.ordersprofiles.local.asl.MockConfig;
import dev.ordersprofiles.local.asl.ServiceIntegration;
import dev.ordersprofiles.local.asl.StateMachine;
import dev.ordersprofiles.local.asl.SystemScheduler;
import dev.ordersprofiles.local.asl.TaskInvoker;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.stepfunctions.StateMachines;
import dev.ordersprofiles.local.store.DynamoDbEndpoint;
import dev.ordersprofiles.local.store.StoreClient;
import dev.ordersprofiles.local.template.StateMachineDef;
import dev.ordersprofiles.local.template.TemplateReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Step Functions for the local stack: the template's state machines, unmodified, run by the embedded ASL
 * interpreter, whose Lambda tasks invoke the local functions at the JSON wire level. With a journal folder every
 * execution is recorded there and those RUNNING when the stack stopped continue at {@link #recover()}
 * (docs/architecture.md, "Durable executions").
 */
public final class LocalStepFunctions implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StateMachines machines = new StateMachines();
    private final SystemScheduler scheduler;
    private final Executions executions;
    /** Where dynamodb:* tasks go: the stack's DynamoDB endpoint once it is up ({@link #useDynamoDb}). */
    private volatile DynamoDbEndpoint dynamoDb;

    /** Executions in memory only. */
    public LocalStepFunctions(Iterable<StateMachineDef> definitions, LambdaRuntime lambdas, int threads) {
        this(definitions, lambdas, threads, Optional.empty(), Executions.Retention.DEFAULT);
    }

    /** Executions recorded in {@code journalFolder} when given, finished ones kept by {@code retention}. */
    public LocalStepFunctions(Iterable<StateMachineDef> definitions, LambdaRuntime lambdas, int threads,
                              Optional<Path> journalFolder, Executions.Retention retention) {
        this.scheduler = SystemScheduler.create(threads);
        this.executions = new Executions(new LambdaTasks(lambdas), new Services(), scheduler, new Random(),
                TemplateReader.REGION,
                journalFolder.map(FileExecutionJournal::inFolder).orElse(null), retention);
        Instant now = Instant.now();
        for (StateMachineDef definition : definitions) {
            StateMachine machine = StateMachine.load(definition.arn(), definition.definition());
            if (definition.type().equals("EXPRESS")) {
                machine.requireExpressCompatible();
            }
            machines.add(machine, definition.type(),
                    "arn:aws:iam::" + TemplateReader.ACCOUNT + ":role/" + definition.logicalId() + "Role", now);
        }
    }

    /**
     * Reads back the recorded executions and continues those that were RUNNING; call it once the functions can
     * be invoked. An execution runs the definition it was started with, even if the template changed since.
     *
     * @return how many executions continue
     */
    public int recover() {
        return executions.recover((arn, definition) -> machines.find(arn).map(StateMachines.Entry::machine)
                .filter(m -> m.definition().equals(parse(definition)))
                .orElseGet(() -> StateMachine.load(arn, definition)));
    }

    /**
     * Reads a mock configuration file ({@code --sfn-mock-config}, Step Functions Local's format); none: no test case.
     *
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static MockConfig mockConfig(Optional<Path> file) {
        if (file.isEmpty()) {
            return MockConfig.empty();
        }
        try {
            return MockConfig.parse(java.nio.file.Files.readString(file.get()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--sfn-mock-config " + file.get() + " cannot be read: " + e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sfn-mock-config " + file.get() + ": " + e.getMessage());
        }
    }

    /** Step Functions' DynamoDB integration (getItem, putItem, updateItem, deleteItem) calls {@code endpoint}. */
    public void useDynamoDb(DynamoDbEndpoint endpoint) {
        this.dynamoDb = endpoint;
    }

    private CompletionStage<ServiceIntegration.Result> callService(String service, String action, JsonNode parameters) {
        if (service.equals("states")) {
            return startExecution(action, parameters);
        }
        DynamoDbEndpoint endpoint = dynamoDb;
        if (!service.equals("dynamodb") || endpoint == null) {
            return ServiceIntegration.NONE.call(service, action, parameters);
        }
        String operation = Character.toUpperCase(action.charAt(0)) + action.substring(1);
        return CompletableFuture.supplyAsync(() -> {
            StoreClient.Answer answer;
            try {
                answer = endpoint.call(operation, parameters);
            } catch (StoreClient.StoreException e) {
                return new ServiceIntegration.Error("InternalServerError", "the local DynamoDB store is unavailable",
                        500, "local");
            }
            JsonNode body = parse(new String(answer.body(), StandardCharsets.UTF_8));
            String requestId = answer.headers().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("x-amzn-RequestId") && !h.getValue().isEmpty())
                    .map(h -> h.getValue().get(0)).findFirst().orElse("local");
            if (answer.ok()) {
                return new ServiceIntegration.Response(body);
            }
            String type = body == null ? "InternalServerError" : body.path("__type").asText("InternalServerError");
            String message = body == null ? "" : body.path("message").asText(body.path("Message").asText(""));
            return new ServiceIntegration.Error(type.substring(type.indexOf('#') + 1), message, answer.status(),
                    requestId);
        }, SERVICE_CALLS);
    }

    /**
     * The integrations the interpreter calls: DynamoDB, and Step Functions itself (states:startExecution, and the
     * child's end for .sync and .sync:2, stopping the child when the parent's task stops waiting for it).
     */
    private final class Services implements ServiceIntegration {
        @Override
        public CompletionStage<Result> call(String service, String action, JsonNode parameters) {
            return callService(service, action, parameters);
        }

        @Override
        public CompletionStage<Result> awaitJob(String service, String action, JsonNode submitted) {
            if (!service.equals("states")) {
                return ServiceIntegration.super.awaitJob(service, action, submitted);
            }
            String arn = submitted.path("ExecutionArn").asText();
            Optional<dev.ordersprofiles.local.asl.Execution> child = executions.find(arn)
                    .filter(e -> e.arn().equals(arn));
            if (child.isEmpty()) {
                return CompletableFuture.completedFuture(new ServiceIntegration.Error("ExecutionDoesNotExist",
                        "Execution Does Not Exist: '" + arn + "'", 400, "local"));
            }
            return child.get().completion().thenApply(done -> described(done, action.endsWith(":2")));
        }

        @Override
        public void stopJob(String service, String action, JsonNode submitted) {
            if (service.equals("states")) {
                executions.stop(submitted.path("ExecutionArn").asText(), null, null);
            }
        }
    }

    /**
     * states:startExecution: its response (ExecutionArn, StartDate) for a machine this stack holds; the child's
     * input is the Input as given (with AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID when the parent passes it, which
     * links the child to its parent in the console, as on AWS).
     */
    private CompletionStage<ServiceIntegration.Result> startExecution(String action, JsonNode parameters) {
        if (!action.equals("startExecution")) {
            return ServiceIntegration.NONE.call("states", action, parameters);
        }
        JsonNode arnNode = parameters.get("StateMachineArn");
        if (arnNode == null || !arnNode.isTextual()) {
            return CompletableFuture.completedFuture(new ServiceIntegration.Error("InvalidArnException",
                    "Invalid Arn: 'StateMachineArn is required'", 400, "local"));
        }
        String arn = arnNode.asText();
        Optional<StateMachine> machine = machine(arn);
        if (machine.isEmpty()) {
            return CompletableFuture.completedFuture(new ServiceIntegration.Error("StateMachineDoesNotExistException",
                    "State Machine Does Not Exist: '" + arn + "'", 400, "local"));
        }
        JsonNode input = parameters.get("Input");
        String inputJson = input == null || input.isNull() ? "{}" : input.isTextual() ? input.asText() : input.toString();
        String name = parameters.path("Name").isTextual() ? parameters.get("Name").asText() : null;
        dev.ordersprofiles.local.asl.Execution child;
        try {
            boolean express = machines.find(arn).map(e -> e.type().equals("EXPRESS")).orElse(false);
            child = express ? executions.startExpress(machine.get(), name, inputJson, null)
                    : executions.start(machine.get(), name, inputJson);
        } catch (dev.ordersprofiles.local.asl.ExecutionAlreadyExists e) {
            return CompletableFuture.completedFuture(new ServiceIntegration.Error("ExecutionAlreadyExistsException",
                    e.getMessage(), 400, "local"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new ServiceIntegration.Error("InvalidExecutionInputException",
                    String.valueOf(e.getMessage()), 400, "local"));
        }
        com.fasterxml.jackson.databind.node.ObjectNode started = JSON.createObjectNode();
        started.put("ExecutionArn", child.arn());
        started.put("StartDate", child.startDate().toEpochMilli());
        return CompletableFuture.completedFuture(new ServiceIntegration.Response(started));
    }

    /**
     * A finished child as .sync (Input and Output as JSON text) or .sync:2 (as JSON) gives it: its description; one
     * that did not succeed fails the task with States.TaskFailed, that description (with Error and Cause) as cause.
     */
    private static ServiceIntegration.Result described(dev.ordersprofiles.local.asl.Execution done, boolean asJson) {
        com.fasterxml.jackson.databind.node.ObjectNode d = JSON.createObjectNode();
        d.put("ExecutionArn", done.arn());
        if (asJson) {
            d.set("Input", done.input());
        } else {
            d.put("Input", done.input().toString());
        }
        d.putObject("InputDetails").put("Included", true);
        d.put("Name", done.name());
        if (done.output() != null) {
            if (asJson) {
                d.set("Output", done.output());
            } else {
                d.put("Output", done.output().toString());
            }
            d.putObject("OutputDetails").put("Included", true);
        }
        d.put("StartDate", done.startDate().toEpochMilli());
        d.put("StateMachineArn", done.stateMachine().arn());
        d.put("Status", done.status().name());
        if (done.stopDate() != null) {
            d.put("StopDate", done.stopDate().toEpochMilli());
        }
        if (done.status() == dev.ordersprofiles.local.asl.ExecutionStatus.SUCCEEDED) {
            return new ServiceIntegration.Response(d);
        }
        if (done.error() != null) {
            d.put("Error", done.error());
        }
        if (done.cause() != null) {
            d.put("Cause", done.cause());
        }
        return new ServiceIntegration.Failed("States.TaskFailed", d.toString());
    }

    /** DynamoDB calls block on HTTP to the store: not on the interpreter's threads. */
    private static final java.util.concurrent.ExecutorService SERVICE_CALLS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sfn-service-call");
                t.setDaemon(true);
                return t;
            });

    public Executions executions() {
        return executions;
    }

    public StateMachines machines() {
        return machines;
    }

    public Optional<StateMachine> machine(String arn) {
        return machines.find(arn).map(StateMachines.Entry::machine);
    }

    @Override
    public void close() {
        // The journal first: what the shutdown itself makes fail (a task interrupted) must not be recorded.
        executions.close();
        scheduler.close();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Lambda tasks: the local functions, invoked without holding an interpreter thread. */
    private record LambdaTasks(LambdaRuntime lambdas) implements TaskInvoker {
        @Override
        public CompletionStage<InvocationResult> invoke(String functionName, String payloadJson) {
            if (lambdas.find(functionName).isEmpty()) {
                return CompletableFuture.completedFuture(new InvocationResult.ServiceError(
                        "Lambda.ResourceNotFoundException", "Function not found: " + functionName, 404));
            }
            return lambdas.invokeAsync(functionName, payloadJson.getBytes(StandardCharsets.UTF_8)).thenApply(r -> {
                if (r instanceof dev.ordersprofiles.local.lambda.InvocationResult.Success s) {
                    return InvocationResult.success(s.text());
                }
                if (r instanceof dev.ordersprofiles.local.lambda.InvocationResult.FunctionError f) {
                    return InvocationResult.functionErrorFromPayload(f.text());
                }
                return InvocationResult.throttled();
            });
        }
    }
}
