package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's experiments, bounded: orders placed while the functions' DynamoDB calls fail (10 % HTTP 500, 3 %
 * throttled, drawn from a fixed seed), with the store killed once, or the whole stack stopped and started again
 * on the same data, mid-burst, or its JVM killed (SIGKILL) with the orders in flight; then {@link OrderCensus}: every accepted (202) order readable and terminal,
 * CONFIRMED ones charged and reserved exactly once and never undone, FAILED ones holding nothing.
 * bench/faults/ runs the same experiment at 1,000 orders and reports how long it takes.
 */
class FaultsIT {
    private static final Path TEMPLATE = Path.of("..", "sam", "template.yaml");
    /** Every fifth order is above the template's SimDeclineAbove (5000.00): declined, so compensated. */
    private static final String DECLINED = "{\"amount\": 6000.00, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}";
    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final int IN_FLIGHT = 12;

    @Test
    void orders_placed_under_dynamodb_faults_with_the_store_killed_once_all_end_terminal_and_consistent()
            throws Exception {
        CapturedStdout.install();
        Path data = Files.createTempDirectory("faults-it");
        try (LocalStack stack = LocalStack.start(options(data))) {
            Http http = new Http(stack.port());
            List<String> tokens = tokens(http, "store-kill");
            Map<String, String> accepted = new ConcurrentHashMap<>();
            AtomicReference<Long> killed = new AtomicReference<>();
            int refused = place(() -> http, tokens, 300, accepted, placed -> {
                if (placed >= 100 && killed.get() == null) {
                    ProcessHandle dynalite = EmbeddedStoreIT.storeProcess(data).orElseThrow();
                    assertThat(dynalite.destroyForcibly()).isTrue(); // SIGKILL, mid-burst
                    killed.set(dynalite.pid());
                }
            });

            assertThat(killed.get()).as("the store was killed").isNotNull();
            assertThat(CapturedStdout.await("\"event\":\"restarted\"", Duration.ofSeconds(30))).isPresent();
            OrderCensus.Result census = OrderCensus.take(() -> http, accepted, SETTLE);
            System.out.println("[faults-it] store kill: accepted " + accepted.size() + ", refused " + refused
                    + ", " + census);
            assertThat(accepted.size()).as("most orders were accepted").isGreaterThan(150);
            assertSettled(census, accepted.size());
            assertInjected(http);

            // Changed only by POST, and never from a foreign page.
            assertThat(http.post("/_local/faults", null, "{\"clear\": true}", "Origin", "http://evil.example")
                    .status()).isEqualTo(403);
            Http.Answer cleared = http.post("/_local/faults", null, "{\"clear\": true}");
            assertThat(cleared.status()).isEqualTo(200);
            assertThat(cleared.json().at("/faults/dynamodb/error").asDouble()).isZero();
        }
    }

    @Test
    void orders_placed_under_dynamodb_faults_across_a_stop_and_start_of_the_stack_all_end_terminal_and_consistent()
            throws Exception {
        CapturedStdout.install();
        int before = CapturedStdout.lines().size();
        Path data = Files.createTempDirectory("faults-restart-it");
        AtomicReference<LocalStack> stack = new AtomicReference<>(LocalStack.start(options(data)));
        AtomicReference<Http> http = new AtomicReference<>(new Http(stack.get().port()));
        try {
            List<String> tokens = tokens(http.get(), "stack-restart");
            Map<String, String> accepted = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
            int refused = place(http::get, tokens, 200, accepted, placed -> {
                if (placed >= 70 && restarted.compareAndSet(false, true)) {
                    // Stopped while orders are in flight (and requests are being answered), started again at once.
                    stack.get().close();
                    try {
                        stack.set(LocalStack.start(options(data)));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    http.set(new Http(stack.get().port()));
                }
            });

            assertThat(restarted).as("the stack was restarted").isTrue();
            assertThat(resumedSince(before)).as("executions were in flight at the stop").isTrue();
            OrderCensus.Result census = OrderCensus.take(http::get, accepted, SETTLE);
            System.out.println("[faults-it] stack restart: accepted " + accepted.size() + ", refused " + refused
                    + ", " + census);
            assertThat(accepted.size()).as("most orders were accepted").isGreaterThan(100);
            assertSettled(census, accepted.size());
            assertInjected(http.get());
        } finally {
            stack.get().close();
        }
    }

    @Test
    void orders_in_flight_when_the_stack_jvm_is_killed_all_end_terminal_and_consistent_after_a_start_on_its_data()
            throws Exception {
        Path jar = Path.of("target", "local-stack.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: " + jar + " is not built (run through verify)");
        Path data = Files.createTempDirectory("faults-kill-it");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--template", TEMPLATE.toString(), "--fault", "dynamodb:error=0.1", "--fault", "dynamodb:throttle=0.03",
                "--fault-seed", "12", "--param", "ApiThrottlingRateLimit=100000",
                "--param", "ApiThrottlingBurstLimit=100000")
                .redirectErrorStream(true).redirectOutput(data.resolve("child.log").toFile()).start();
        Map<String, String> accepted = new ConcurrentHashMap<>();
        int refused;
        try {
            Http first = new Http(port);
            awaitAnswering(first, child);
            List<String> tokens = tokens(first, "jvm-kill");
            refused = place(() -> first, tokens, 120, accepted, placed -> {
            });
        } finally {
            List<ProcessHandle> descendants = child.descendants().toList();
            child.destroyForcibly(); // SIGKILL right after the burst, with the executions in flight
            child.waitFor(60, TimeUnit.SECONDS);
            for (ProcessHandle p : descendants) { // the store and the function JVMs end with their parent
                p.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        CapturedStdout.install();
        int before = CapturedStdout.lines().size();
        try (LocalStack second = LocalStack.start(options(data))) {
            Http http = new Http(second.port());
            assertThat(resumedSince(before)).as("executions were in flight at the kill").isTrue();
            OrderCensus.Result census = OrderCensus.take(() -> http, accepted, SETTLE);
            System.out.println("[faults-it] jvm kill: accepted " + accepted.size() + ", refused " + refused
                    + ", " + census);
            assertThat(accepted.size()).as("most orders were accepted").isGreaterThan(60);
            assertSettled(census, accepted.size());
            assertInjected(http);
        }
    }

    /** True when a start since line {@code from} of stdout said it continued executions of the last run. */
    private static boolean resumedSince(int from) {
        List<String> lines = CapturedStdout.lines();
        return lines.subList(from, lines.size()).stream()
                .anyMatch(l -> l.matches(".*continuing [1-9]\\d* workflow execution\\(s\\) that were running.*"));
    }

    private static void awaitAnswering(Http http, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && child.isAlive()) {
            try {
                if (http.get("/_local/faults", null).status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the stack in the child JVM did not answer");
    }

    private static void assertSettled(OrderCensus.Result census, int accepted) {
        assertThat(census.lost()).as("orders lost").isEmpty();
        assertThat(census.stuck()).as("orders not terminal after " + SETTLE).isEmpty();
        assertThat(census.violations()).as("invariants broken").isEmpty();
        assertThat(census.terminal()).isEqualTo(accepted);
        assertThat(census.byStatus().getOrDefault("CONFIRMED", 0)).as("confirmed").isPositive();
        assertThat(census.byStatus().getOrDefault("FAILED", 0)).as("declined, compensated").isPositive();
    }

    /** The faults were really injected (a test that injected none would prove nothing). */
    private static void assertInjected(Http http) {
        JsonNode faults = http.get("/_local/faults", null).json();
        assertThat(faults.at("/injected/dynamodb:error").asLong()).as(faults.toString()).isPositive();
        assertThat(faults.at("/injected/dynamodb:throttle").asLong()).as(faults.toString()).isPositive();
    }

    /**
     * Places {@code count} orders, {@link #IN_FLIGHT} at a time (every fifth above SimDeclineAbove), spread over
     * the users' tokens; {@code between} is called with the number placed so far after each wave. Records each
     * 202's order id with its token; anything else (a 503 while the store restarts, a request cut by a stop) is
     * counted as refused.
     */
    private static int place(java.util.function.Supplier<Http> http, List<String> tokens, int count,
                             Map<String, String> accepted, java.util.function.IntConsumer between) throws Exception {
        int refused = 0;
        for (int placed = 0; placed < count; placed += IN_FLIGHT) {
            List<CompletableFuture<Http.Answer>> wave = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            for (int i = placed; i < Math.min(count, placed + IN_FLIGHT); i++) {
                String token = tokens.get(i % tokens.size());
                String body = i % 5 == 0 ? DECLINED : "{\"amount\": " + (10 + i % 90) + ".25, \"items\": [{\"sku\":"
                        + " \"A-1\", \"qty\": " + (1 + i % 3) + "}]}";
                wave.add(http.get().postAsync("/orders", token, body));
                owners.add(token);
            }
            for (int i = 0; i < wave.size(); i++) {
                Http.Answer answer;
                try {
                    answer = wave.get(i).get();
                } catch (java.util.concurrent.ExecutionException cut) {
                    refused++;
                    continue;
                }
                if (answer.status() == 202) {
                    accepted.put(answer.json().get("orderId").asText(), owners.get(i));
                } else {
                    refused++;
                }
            }
            between.accept(placed + wave.size());
        }
        return refused;
    }

    private static List<String> tokens(Http http, String prefix) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(http.token(prefix + "-" + i));
        }
        return tokens;
    }

    private static LocalOptions options(Path data) {
        return LocalOptions.defaults().withPort(0).withDataDir(data).withTemplate(TEMPLATE)
                .withParameter("ApiThrottlingRateLimit", "100000").withParameter("ApiThrottlingBurstLimit", "100000")
                .withFaults(LocalOptions.FaultInjection.NONE.with("dynamodb:error=0.1")
                        .with("dynamodb:throttle=0.03").withSeed(12));
    }
}
