package dev.ordersprofiles.local.workflow;

import dev.ordersprofiles.local.asl.Executions;
import dev.ordersprofiles.local.asl.InvocationResult;
import dev.ordersprofiles.local.asl.StateMachine;
import dev.ordersprofiles.local.asl.SystemScheduler;
import dev.ordersprofiles.local.asl.TaskInvoker;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.StateMachineDef;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Step Functions for the local stack: the template's state machines, unmodified, run by the embedded ASL
 * interpreter, whose Lambda tasks invoke the local functions at the JSON wire level.
 */
public final class LocalStepFunctions implements AutoCloseable {
    private final Map<String, StateMachine> machines = new LinkedHashMap<>();
    private final SystemScheduler scheduler;
    private final Executions executions;

    public LocalStepFunctions(Iterable<StateMachineDef> definitions, LambdaRuntime lambdas, int threads) {
        this.scheduler = SystemScheduler.create(threads);
        this.executions = new Executions(new LambdaTasks(lambdas), scheduler);
        for (StateMachineDef definition : definitions) {
            machines.put(definition.arn(), StateMachine.load(definition.arn(), definition.definition()));
        }
    }

    public Executions executions() {
        return executions;
    }

    public Optional<StateMachine> machine(String arn) {
        return Optional.ofNullable(machines.get(arn));
    }

    @Override
    public void close() {
        scheduler.close();
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
