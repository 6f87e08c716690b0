package dev.ordersprofiles.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.ordersprofiles.local.template.FunctionDef;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Invocations on the caller's thread keep the reserved concurrency and the timeout of invocations on the runtime's. */
class LambdaRuntimeTest {
    static volatile Thread ranOn;
    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch started = new CountDownLatch(1);
    static volatile boolean sawInterrupt;

    private LambdaRuntime runtime;

    /** Answers with the thread it ran on, after waiting for {@link #release} (ignoring interrupts when told so). */
    public static final class Waits implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            ranOn = Thread.currentThread();
            started.countDown();
            boolean stubborn = Boolean.TRUE.equals(event.get("stubborn"));
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    sawInterrupt = true;
                    if (!stubborn) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            return Map.of("statusCode", 200, "thread", Thread.currentThread().getName());
        }
    }

    @AfterEach
    void stop() {
        release = new CountDownLatch(0);
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void runs_the_function_on_the_calling_thread_and_leaves_its_interrupt_status_alone() {
        runtime = runtime(15, OptionalInt.empty());

        InvocationResult result = runtime.invokeOnCaller("waits", "{}".getBytes(), timedOut -> {
            throw new AssertionError("no timeout");
        });

        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        assertThat(ranOn).isSameAs(Thread.currentThread());
        assertThat(Thread.currentThread().isInterrupted()).isFalse();

        Thread.currentThread().interrupt();
        runtime.invokeOnCaller("waits", "{}".getBytes(), timedOut -> {
        });
        assertThat(Thread.interrupted()).as("the caller's own interrupt is kept").isTrue();
    }

    @Test
    void reserved_concurrency_counts_invocations_on_callers_and_on_the_runtime_alike() throws Exception {
        runtime = runtime(15, OptionalInt.of(1));
        release = new CountDownLatch(1);
        started = new CountDownLatch(1);
        CompletableFuture<InvocationResult> first = runtime.invokeAsync("waits", "{}".getBytes());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(runtime.invokeOnCaller("waits", "{}".getBytes(), t -> {
        })).isInstanceOf(InvocationResult.Throttled.class);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        assertThat(runtime.invokeOnCaller("waits", "{}".getBytes(), t -> {
        })).isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void past_its_timeout_the_caller_hears_of_it_while_the_function_still_runs() throws Exception {
        runtime = runtime(1, OptionalInt.of(1));
        release = new CountDownLatch(1);
        sawInterrupt = false;
        AtomicReference<InvocationResult.FunctionError> heard = new AtomicReference<>();
        CountDownLatch timedOut = new CountDownLatch(1);
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<InvocationResult> call = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            return runtime.invokeOnCaller("waits", "{\"stubborn\":true}".getBytes(), error -> {
                heard.set(error);
                timedOut.countDown();
            });
        });

        // The function ignores interrupts and waits for the test, which waits for the timeout first.
        assertThat(timedOut.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(call).isNotDone();
        assertThat(heard.get().errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(heard.get().text()).contains("Task timed out after 1.00 seconds");
        assertThat(runtime.invokeAsync("waits", "{}".getBytes()).get(10, TimeUnit.SECONDS))
                .as("the timed-out invocation gave its concurrency back").isNotInstanceOf(InvocationResult.Throttled.class);

        release.countDown();
        assertThat(call.get(10, TimeUnit.SECONDS)).isSameAs(heard.get());
        assertThat(sawInterrupt).as("the handler was interrupted at its timeout").isTrue();
    }

    @Test
    void an_interceptor_may_answer_instead_of_the_handler_or_replace_its_answer_on_both_paths() throws Exception {
        runtime = runtime(15, OptionalInt.of(1));
        InvocationResult.FunctionError instead = new InvocationResult.FunctionError("Runtime.ExitError", "injected",
                "{\"errorType\":\"Runtime.ExitError\"}".getBytes());
        AtomicReference<String> ranBefore = new AtomicReference<>();
        runtime.intercept(new InvocationInterceptor() {
            @Override
            public InvocationResult before(FunctionDef function, String requestId) {
                ranBefore.set(function.name() + " " + requestId);
                return instead;
            }

            @Override
            public InvocationResult after(FunctionDef function, String requestId, InvocationResult outcome) {
                throw new AssertionError("the handler must not run");
            }
        });
        ranOn = null;
        assertThat(runtime.invokeAsync("waits", "{}".getBytes()).get(10, TimeUnit.SECONDS)).isSameAs(instead);
        assertThat(runtime.invokeOnCaller("waits", "{}".getBytes(), t -> {
        })).isSameAs(instead);
        assertThat(ranOn).as("the handler did not run").isNull();
        assertThat(ranBefore.get()).startsWith("waits ");

        List<InvocationResult> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        runtime.intercept(new InvocationInterceptor() {
            @Override
            public InvocationResult before(FunctionDef function, String requestId) {
                return null;
            }

            @Override
            public InvocationResult after(FunctionDef function, String requestId, InvocationResult outcome) {
                seen.add(outcome);
                return instead;
            }
        });
        assertThat(runtime.invokeAsync("waits", "{}".getBytes()).get(10, TimeUnit.SECONDS)).isSameAs(instead);
        assertThat(runtime.invokeOnCaller("waits", "{}".getBytes(), t -> {
        })).isSameAs(instead);
        assertThat(seen).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(InvocationResult.Success.class));
        assertThat(ranOn).as("the handler ran").isNotNull();

        runtime.intercept(null);
        assertThat(runtime.invokeAsync("waits", "{}".getBytes()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void an_invocation_on_the_runtime_times_out_as_before() throws Exception {
        runtime = runtime(1, OptionalInt.empty());
        release = new CountDownLatch(1);

        InvocationResult result = runtime.invokeAsync("waits", "{\"stubborn\":true}".getBytes()).get(30, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        assertThat(((InvocationResult.FunctionError) result).errorType()).isEqualTo("Sandbox.Timedout");
        release.countDown();
    }

    private static LambdaRuntime runtime(int timeoutSeconds, OptionalInt reserved) {
        return new LambdaRuntime(List.of(new FunctionDef("Waits", "waits",
                "arn:aws:lambda:us-east-1:000000000000:function:waits", Waits.class.getName(), "handleRequest",
                timeoutSeconds, 128, reserved, Map.of())), (def, type) -> type.getConstructor().newInstance());
    }
}
