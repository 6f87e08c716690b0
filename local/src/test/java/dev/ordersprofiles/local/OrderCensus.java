package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Issue 12's census of accepted orders, read back through GET /orders/{id} (the order's own stored status and
 * history, as the domain records them: the simulated inventory and payments live inside the function processes):
 * <ul>
 * <li>every accepted order is readable (a 404 is a lost order) and terminal (CONFIRMED, FAILED or EXPIRED);</li>
 * <li>CONFIRMED: its history went PENDING, VALIDATED, RESERVED, CHARGED, CONFIRMED, each once, and nothing was
 * undone (no COMPENSATING entry);</li>
 * <li>FAILED: whatever it held was given back: VALIDATED ever => "reservation released" in its history,
 * RESERVED ever => "payment refunded", and it is not failed "needs attention" (what the domain records when an
 * undo could not be done);</li>
 * <li>EXPIRED: it never left PENDING before;</li>
 * <li>no double charge or reservation: CHARGED and RESERVED each at most once in any history.</li>
 * </ul>
 */
final class OrderCensus {
    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "FAILED", "EXPIRED");

    /**
     * @param byStatus   terminal orders by status
     * @param stuck      accepted orders still not terminal at the deadline (id -> last status seen)
     * @param lost       accepted orders that answered 404
     * @param violations one line per broken invariant
     * @param waited     from the start of the census until the last order was terminal (or the deadline)
     */
    record Result(Map<String, Integer> byStatus, Map<String, String> stuck, List<String> lost, List<String> violations,
                  Duration waited) {
        int terminal() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return "terminal " + byStatus + ", stuck " + stuck.size() + (stuck.isEmpty() ? "" : " " + first(stuck))
                    + ", lost " + lost.size() + ", violations " + violations.size()
                    + (violations.isEmpty() ? "" : " " + violations.subList(0, Math.min(5, violations.size())))
                    + ", last terminal after " + waited.toMillis() + " ms";
        }

        private static String first(Map<String, String> m) {
            return new TreeMap<>(m).entrySet().stream().limit(5).toList().toString();
        }
    }

    private OrderCensus() {
    }

    /**
     * Polls every order of {@code accepted} (id -> its owner's token) until all are terminal or {@code bound} has
     * passed, then checks the invariants. {@code http} is asked again at every round (the stack may change).
     */
    static Result take(Supplier<Http> http, Map<String, String> accepted, Duration bound) throws Exception {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        Map<String, JsonNode> done = new ConcurrentHashMap<>();
        Map<String, String> last = new ConcurrentHashMap<>();
        List<String> lost = java.util.Collections.synchronizedList(new ArrayList<>());
        long lastTerminal = start;
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            while (true) {
                Http client = http.get();
                List<Future<?>> round = new ArrayList<>();
                for (Map.Entry<String, String> order : accepted.entrySet()) {
                    String id = order.getKey();
                    if (done.containsKey(id) || lost.contains(id)) {
                        continue;
                    }
                    round.add(readers.submit(() -> {
                        Http.Answer answer;
                        try {
                            answer = client.get("/orders/" + id, order.getValue());
                        } catch (AssertionError unreachable) {
                            return; // the stack is restarting: next round
                        }
                        if (answer.status() == 404) {
                            lost.add(id);
                        } else if (answer.status() == 200) {
                            JsonNode json = answer.json();
                            String status = json.path("status").asText();
                            last.put(id, status);
                            if (TERMINAL.contains(status)) {
                                done.put(id, json);
                            }
                        } // a 5xx (a fault drawn on the read itself): read again next round
                    }));
                }
                int before = done.size();
                for (Future<?> f : round) {
                    f.get();
                }
                if (done.size() > before) {
                    lastTerminal = System.nanoTime();
                }
                if (done.size() + lost.size() >= accepted.size() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
        } finally {
            readers.shutdownNow();
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> order : done.entrySet()) {
            byStatus.merge(order.getValue().get("status").asText(), 1, Integer::sum);
            violations.addAll(check(order.getKey(), order.getValue()));
        }
        Map<String, String> stuck = new LinkedHashMap<>();
        for (String id : accepted.keySet()) {
            if (!done.containsKey(id) && !lost.contains(id)) {
                stuck.put(id, last.getOrDefault(id, "(never read)"));
            }
        }
        return new Result(byStatus, stuck, List.copyOf(lost), violations,
                Duration.ofNanos((stuck.isEmpty() ? lastTerminal : System.nanoTime()) - start));
    }

    /** The invariants one terminal order breaks (none, normally). */
    static List<String> check(String id, JsonNode order) {
        List<String> broken = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> undone = new ArrayList<>();
        for (JsonNode change : order.path("history")) {
            statuses.add(change.path("status").asText());
            if (change.path("status").asText().equals("COMPENSATING")) {
                undone.add(change.path("reason").asText());
            }
        }
        String status = order.path("status").asText();
        for (String once : List.of("VALIDATED", "RESERVED", "CHARGED", "CONFIRMED")) {
            if (statuses.stream().filter(once::equals).count() > 1) {
                broken.add(id + ": " + once + " twice in " + statuses);
            }
        }
        switch (status) {
            case "CONFIRMED" -> {
                if (!statuses.equals(List.of("PENDING", "VALIDATED", "RESERVED", "CHARGED", "CONFIRMED"))) {
                    broken.add(id + ": CONFIRMED with history " + statuses);
                }
            }
            case "FAILED" -> {
                if (statuses.contains("VALIDATED") && !undone.contains("reservation released")) {
                    broken.add(id + ": FAILED but its reservation was never released: " + statuses + " " + undone);
                }
                if (statuses.contains("RESERVED") && !undone.contains("payment refunded")) {
                    broken.add(id + ": FAILED but its charge was never refunded: " + statuses + " " + undone);
                }
                String reason = order.path("failureReason").asText("");
                if (reason.startsWith("needs attention")) {
                    broken.add(id + ": FAILED needing attention: " + reason);
                }
            }
            case "EXPIRED" -> {
                if (!statuses.equals(List.of("PENDING", "EXPIRED"))) {
                    broken.add(id + ": EXPIRED with history " + statuses);
                }
            }
            default -> broken.add(id + ": not terminal: " + status);
        }
        return broken;
    }
}
