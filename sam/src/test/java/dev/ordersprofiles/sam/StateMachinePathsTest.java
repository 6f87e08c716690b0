package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every path of statemachine/place-order.asl.json (success edges and every Catch edge) and checks that no path
 * leaves an order non-terminal: every path to an end state passes the success edge of a task that makes the order
 * terminal (Confirm, MarkFailed, NeedsAttention). The one exception is the state reached when even NeedsAttention
 * fails; it must be reachable from there only (the reconciler settles that order). It also checks that every task
 * retries the transient errors long enough to ride out a dependency outage and has a catch-all, and that the
 * transient error class exists under the name the state machine retries.
 */
class StateMachinePathsTest {
    private static final String ASL_TEXT = Template.read(Template.SAM_DIR.resolve("statemachine/place-order.asl.json"));
    /** Tasks whose success makes the order terminal. */
    static final Set<String> TERMINAL_MAKERS = Set.of("Confirm", "MarkFailed", "NeedsAttention");
    static final String LAST_RESORT = "NeedsAttentionUnrecorded";
    /** Several minutes of outage: the longest the retries of one task may wait in all must be at least this. */
    static final double OUTAGE_SECONDS = 300;

    private static String aslWith(String find, String replacement) {
        assertThat(ASL_TEXT).contains(find);
        return ASL_TEXT.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replacement));
    }

    /** One edge out of a state: to {@code to}, through success or a Catch. */
    private record Edge(String from, String to, boolean success) {
    }

    static List<String> problems(JsonNode asl) {
        List<String> problems = new ArrayList<>();
        JsonNode states = asl.path("States");
        states.fields().forEachRemaining(e -> {
            if ("Task".equals(e.getValue().path("Type").asText())) {
                task(e.getKey(), e.getValue(), problems);
            }
        });
        walk(states, asl.path("StartAt").asText(), new ArrayList<>(), new HashSet<>(), problems);
        return problems;
    }

    private static void task(String name, JsonNode task, List<String> problems) {
        boolean retried = false;
        for (JsonNode retrier : task.path("Retry")) {
            Set<String> errors = new HashSet<>();
            retrier.path("ErrorEquals").forEach(n -> errors.add(n.asText()));
            if (!errors.containsAll(AslChecks.TRANSIENT)) {
                continue;
            }
            retried = true;
            if (!"FULL".equals(retrier.path("JitterStrategy").asText()) || !retrier.has("MaxDelaySeconds")) {
                problems.add(name + ": the transient retrier needs JitterStrategy FULL and MaxDelaySeconds");
            }
            double total = longestWait(retrier);
            if (total < OUTAGE_SECONDS) {
                problems.add(name + ": the transient retrier waits at most " + Math.round(total) + " s in all, less than "
                        + Math.round(OUTAGE_SECONDS) + " s of outage");
            }
        }
        if (!retried) {
            problems.add(name + ": no retrier covers " + AslChecks.TRANSIENT);
        }
        boolean catchAll = false;
        for (JsonNode c : task.path("Catch")) {
            for (JsonNode e : c.path("ErrorEquals")) {
                catchAll |= "States.ALL".equals(e.asText());
            }
        }
        if (!catchAll) {
            problems.add(name + ": no Catch of States.ALL");
        }
    }

    /** The sum of the capped back-off delays of every retry (full jitter waits anywhere up to each of them). */
    static double longestWait(JsonNode retrier) {
        double interval = retrier.path("IntervalSeconds").asDouble(1);
        double rate = retrier.path("BackoffRate").asDouble(2);
        double cap = retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
        int attempts = retrier.path("MaxAttempts").asInt(3);
        double total = 0;
        for (int retry = 0; retry < attempts; retry++) {
            total += Math.min(cap, interval * Math.pow(rate, retry));
        }
        return total;
    }

    private static List<Edge> edges(JsonNode states, String name) {
        JsonNode s = states.path(name);
        List<Edge> out = new ArrayList<>();
        if (s.has("Next")) {
            out.add(new Edge(name, s.path("Next").asText(), true));
        }
        for (JsonNode c : s.path("Catch")) {
            out.add(new Edge(name, c.path("Next").asText(), false));
        }
        return out;
    }

    private static void walk(JsonNode states, String state, List<Edge> path, Set<String> onPath, List<String> problems) {
        JsonNode s = states.path(state);
        if (s.isMissingNode()) {
            problems.add("path " + describe(path) + " leads to a missing state " + state);
            return;
        }
        if (!onPath.add(state)) {
            problems.add("path " + describe(path) + " loops back to " + state);
            return;
        }
        String type = s.path("Type").asText();
        if ("Succeed".equals(type) || "Fail".equals(type)) {
            boolean terminal = path.stream().anyMatch(e -> e.success() && TERMINAL_MAKERS.contains(e.from()));
            boolean lastResort = state.equals(LAST_RESORT) && !path.isEmpty()
                    && path.get(path.size() - 1).from().equals("NeedsAttention") && !path.get(path.size() - 1).success();
            if (!terminal && !lastResort) {
                problems.add("path " + describe(path) + " -> " + state + " ends without making the order terminal");
            }
        } else {
            List<Edge> out = edges(states, state);
            if (out.isEmpty()) {
                problems.add(state + " (" + type + ") has no way on");
            }
            for (Edge edge : out) {
                path.add(edge);
                walk(states, edge.to(), path, onPath, problems);
                path.remove(path.size() - 1);
            }
        }
        onPath.remove(state);
    }

    private static String describe(List<Edge> path) {
        StringBuilder b = new StringBuilder();
        for (Edge e : path) {
            b.append(e.from()).append(e.success() ? " -> " : " -x-> ");
        }
        return b.length() == 0 ? "(start)" : b.toString().trim();
    }

    @Test
    void every_path_ends_with_the_order_terminal_and_every_task_retries_and_catches() {
        assertThat(problems(AslChecks.parse(ASL_TEXT))).isEmpty();
    }

    @Test
    void the_walk_covers_every_state() {
        JsonNode asl = AslChecks.parse(ASL_TEXT);
        Set<String> reached = new HashSet<>();
        List<String> frontier = new ArrayList<>(List.of(asl.path("StartAt").asText()));
        while (!frontier.isEmpty()) {
            String state = frontier.remove(frontier.size() - 1);
            if (reached.add(state)) {
                edges(asl.path("States"), state).forEach(e -> frontier.add(e.to()));
            }
        }
        Set<String> all = new HashSet<>();
        asl.path("States").fieldNames().forEachRemaining(all::add);
        assertThat(reached).isEqualTo(all);
        assertThat(all).containsAll(TERMINAL_MAKERS).contains(LAST_RESORT);
    }

    @Test
    void a_compensation_without_a_catch_or_leading_to_a_bare_fail_is_reported() {
        JsonNode asl = AslChecks.parse(ASL_TEXT);
        ((com.fasterxml.jackson.databind.node.ObjectNode) asl.path("States").path("RefundPayment")).remove("Catch");
        assertThat(problems(asl)).contains("RefundPayment: no Catch of States.ALL");

        String bare = aslWith("\"ResultPath\": \"$.undoError\",\n          \"Next\": \"NeedsAttention\"",
                "\"ResultPath\": \"$.undoError\",\n          \"Next\": \"OrderFailed\"");
        assertThat(problems(AslChecks.parse(bare)))
                .contains("path Validate -> Reserve -> Charge -> Confirm -x-> RefundPayment -x-> -> OrderFailed "
                        + "ends without making the order terminal");
    }

    @Test
    void a_short_or_unjittered_transient_retry_is_reported() {
        String shortRetry = aslWith("\"MaxAttempts\": 12", "\"MaxAttempts\": 3");
        assertThat(problems(AslChecks.parse(shortRetry))).singleElement().asString()
                .startsWith("Validate: the transient retrier waits at most 14 s in all");
        String noTransient = aslWith("\"dev.ordersprofiles.application.shared.DependencyUnavailable\"", "\"Other\"");
        assertThat(problems(AslChecks.parse(noTransient))).singleElement().asString()
                .startsWith("Validate: no retrier covers");
    }

    @Test
    void the_transient_error_the_state_machine_retries_is_an_application_class() {
        assertThat(ASL_TEXT).contains("\"" + Contract.DEPENDENCY_UNAVAILABLE + "\"");
        assertThat(Template.REPO.resolve("application/src/main/java")
                .resolve(Contract.DEPENDENCY_UNAVAILABLE.replace('.', '/') + ".java"))
                .satisfies(p -> assertThat(Files.isRegularFile(p)).as(p.toString()).isTrue());
        Map<String, Double> waits = new java.util.TreeMap<>();
        AslChecks.parse(ASL_TEXT).path("States").fields().forEachRemaining(e ->
                e.getValue().path("Retry").forEach(r -> waits.put(e.getKey(), longestWait(r))));
        assertThat(waits.values()).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(OUTAGE_SECONDS));
    }
}
