import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * bench/faults/run.sh: issue 12's census under injected faults at 1,000 orders (a benchmark, not a test).
 * The invariants are those of local/src/test/java/dev/ordersprofiles/local/OrderCensus.java (the bounded test
 * tier, FaultsIT), read the same way: from each order's stored status and history through GET /orders/{id}.
 * Runs with the shaded stack jar on the classpath (for Jackson): java -cp local/target/local-stack.jar ...
 */
public class FaultCensus {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> TERMINAL = Set.of("CONFIRMED", "FAILED", "EXPIRED");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static int orders = 1000;
    static double error = 0.1;
    static double throttle = 0;
    static long seed = 7;
    static int inFlight = 16;
    static int killStoreAt = 300;
    static int killJvmAt = -1;
    static int settleMinutes = 20;
    static boolean keepData;

    static Process stack;
    static int port;
    static Path data;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--keep-data")) {
                keepData = true;
                i--;
                continue;
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--orders" -> orders = Integer.parseInt(v);
                case "--error" -> error = Double.parseDouble(v);
                case "--throttle" -> throttle = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--in-flight" -> inFlight = Integer.parseInt(v);
                case "--kill-store-at" -> killStoreAt = Integer.parseInt(v);
                case "--kill-jvm-at" -> killJvmAt = Integer.parseInt(v);
                case "--settle-minutes" -> settleMinutes = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        data = Files.createTempDirectory("fault-census");
        port = freePort();
        try {
            run();
        } finally {
            stop(false);
            if (keepData) {
                log("data folder and stack log kept in " + data);
                return;
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static void run() throws Exception {
        start();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(send(post("/_local/token", null, "{\"username\":\"census-" + i + "\",\"email\":\"census-" + i
                    + "@example.com\"}")).json().get("id_token").asText());
        }
        Map<String, String> accepted = new ConcurrentHashMap<>();
        Map<Integer, Integer> refused = new TreeMap<>();
        long begin = System.nanoTime();
        long storeKilledAt = -1;
        long jvmKilledAt = -1;
        for (int placed = 0; placed < orders; placed += inFlight) {
            List<CompletableFuture<HttpResponse<String>>> wave = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            for (int i = placed; i < Math.min(orders, placed + inFlight); i++) {
                String token = tokens.get(i % tokens.size());
                String body = i % 5 == 0 ? "{\"amount\": 6000.00, \"items\": [{\"sku\": \"A-1\", \"qty\": 1}]}"
                        : "{\"amount\": " + (10 + i % 90) + ".25, \"items\": [{\"sku\": \"A-1\", \"qty\": " + (1 + i % 3)
                        + "}]}";
                wave.add(HTTP.sendAsync(post("/orders", token, body), HttpResponse.BodyHandlers.ofString()));
                owners.add(token);
            }
            for (int i = 0; i < wave.size(); i++) {
                try {
                    HttpResponse<String> r = wave.get(i).get();
                    if (r.statusCode() == 202) {
                        accepted.put(JSON.readTree(r.body()).get("orderId").asText(), owners.get(i));
                    } else {
                        refused.merge(r.statusCode(), 1, Integer::sum);
                    }
                } catch (java.util.concurrent.ExecutionException cut) {
                    refused.merge(0, 1, Integer::sum);
                }
            }
            int done = placed + wave.size();
            if (storeKilledAt < 0 && killStoreAt >= 0 && done >= killStoreAt) {
                ProcessHandle dynalite = stack.descendants().filter(p -> p.info().commandLine()
                        .map(c -> c.contains("dynalite")).orElse(false)).findFirst().orElseThrow();
                dynalite.destroyForcibly();
                storeKilledAt = System.nanoTime();
                log("SIGKILL to the store (pid " + dynalite.pid() + ") after " + done + " orders placed");
            }
            if (jvmKilledAt < 0 && killJvmAt >= 0 && done >= killJvmAt) {
                stop(true);
                jvmKilledAt = System.nanoTime();
                log("SIGKILL to the stack's JVM after " + done + " orders placed; starting it again on the same data");
                start();
            }
        }
        long burstEnd = System.nanoTime();
        log("placed " + orders + " in " + ms(burstEnd - begin) + " ms: accepted " + accepted.size() + ", refused "
                + refused + " (status: count; 0 = connection cut)");

        Map<String, JsonNode> terminal = new ConcurrentHashMap<>();
        Map<String, String> last = new ConcurrentHashMap<>();
        Set<String> lost = ConcurrentHashMap.newKeySet();
        long lastTerminal = burstEnd;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(settleMinutes);
        ExecutorService readers = Executors.newFixedThreadPool(8);
        while (terminal.size() + lost.size() < accepted.size() && System.nanoTime() < deadline) {
            List<Future<?>> round = new ArrayList<>();
            for (Map.Entry<String, String> o : accepted.entrySet()) {
                if (terminal.containsKey(o.getKey()) || lost.contains(o.getKey())) {
                    continue;
                }
                round.add(readers.submit(() -> {
                    try {
                        Answer a = send(HttpRequest.newBuilder(uri("/orders/" + o.getKey()))
                                .header("Authorization", o.getValue()).timeout(Duration.ofSeconds(60)).GET().build());
                        if (a.status == 404) {
                            lost.add(o.getKey());
                        } else if (a.status == 200) {
                            JsonNode order = a.json();
                            last.put(o.getKey(), order.path("status").asText());
                            if (TERMINAL.contains(order.path("status").asText())) {
                                terminal.put(o.getKey(), order);
                            }
                        }
                    } catch (IOException e) {
                        // read again next round
                    }
                    return null;
                }));
            }
            int before = terminal.size();
            for (Future<?> f : round) {
                f.get();
            }
            if (terminal.size() > before) {
                lastTerminal = System.nanoTime();
            }
            Thread.sleep(1000);
        }
        readers.shutdownNow();

        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        int compensated = 0;
        for (Map.Entry<String, JsonNode> o : terminal.entrySet()) {
            byStatus.merge(o.getValue().get("status").asText(), 1, Integer::sum);
            violations.addAll(check(o.getKey(), o.getValue()));
            if (o.getValue().toString().contains("\"COMPENSATING\"")) {
                compensated++;
            }
        }
        Map<String, Integer> reasons = new TreeMap<>();
        int declinedAccepted = 0;
        for (Map.Entry<String, JsonNode> o : terminal.entrySet()) {
            if (o.getValue().path("amount").decimalValue().compareTo(new java.math.BigDecimal("5000")) > 0) {
                declinedAccepted++;
            }
            if (o.getValue().get("status").asText().equals("FAILED")) {
                String why = o.getValue().path("failureReason").asText("");
                why = why.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>");
                reasons.merge(why.length() > 120 ? why.substring(0, 120) + "..." : why, 1, Integer::sum);
            }
        }
        Map<String, Integer> stuck = new TreeMap<>();
        for (String id : accepted.keySet()) {
            if (!terminal.containsKey(id) && !lost.contains(id)) {
                stuck.merge(last.getOrDefault(id, "(never read)"), 1, Integer::sum);
            }
        }
        JsonNode faults = send(HttpRequest.newBuilder(uri("/_local/faults")).GET().build()).json();
        System.out.println("# fault census: " + orders + " orders, " + inFlight + " in flight, --fault dynamodb:error="
                + error + (throttle > 0 ? " --fault dynamodb:throttle=" + throttle : "") + " --fault-seed " + seed
                + ", store SIGKILLed after " + killStoreAt + (killJvmAt >= 0 ? ", stack JVM SIGKILLed after " + killJvmAt : ""));
        System.out.println("accepted (202):          " + accepted.size());
        System.out.println("refused:                 " + refused + " (HTTP status: count; 0 = connection cut)");
        System.out.println("terminal:                " + terminal.size() + " " + byStatus);
        System.out.println("  compensated ones:      " + compensated + " (a COMPENSATING entry in the history)");
        System.out.println("  above SimDeclineAbove: " + declinedAccepted + " (declined by the payment simulation)");
        reasons.forEach((why, n) -> System.out.println("  FAILED " + n + " x " + why));
        System.out.println("stuck (not terminal):    " + stuck.values().stream().mapToInt(Integer::intValue).sum() + " " + stuck);
        System.out.println("lost (404):              " + lost.size());
        System.out.println("invariant violations:    " + violations.size()
                + (violations.isEmpty() ? "" : " " + violations.subList(0, Math.min(10, violations.size()))));
        System.out.println("faults injected:         " + faults.get("injected") + " of calls " + faults.get("calls")
                + (jvmKilledAt >= 0 ? " (since the JVM restart)" : ""));
        System.out.println("burst (first to last POST answered): " + ms(burstEnd - begin) + " ms");
        System.out.println("last order terminal:     " + ms(lastTerminal - begin) + " ms after the first POST, "
                + ms(lastTerminal - burstEnd) + " ms after the burst"
                + (storeKilledAt >= 0 ? ", " + ms(lastTerminal - storeKilledAt) + " ms after the store kill" : ""));
    }

    /** The same invariants as OrderCensus.check. */
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
        for (String once : List.of("VALIDATED", "RESERVED", "CHARGED", "CONFIRMED")) {
            if (statuses.stream().filter(once::equals).count() > 1) {
                broken.add(id + ": " + once + " twice in " + statuses);
            }
        }
        switch (order.path("status").asText()) {
            case "CONFIRMED" -> {
                if (!statuses.equals(List.of("PENDING", "VALIDATED", "RESERVED", "CHARGED", "CONFIRMED"))) {
                    broken.add(id + ": CONFIRMED with history " + statuses);
                }
            }
            case "FAILED" -> {
                if (statuses.contains("VALIDATED") && !undone.contains("reservation released")) {
                    broken.add(id + ": FAILED, reservation never released: " + statuses);
                }
                if (statuses.contains("RESERVED") && !undone.contains("payment refunded")) {
                    broken.add(id + ": FAILED, charge never refunded: " + statuses);
                }
                if (order.path("failureReason").asText("").startsWith("needs attention")) {
                    broken.add(id + ": FAILED needing attention: " + order.path("failureReason").asText());
                }
            }
            case "EXPIRED" -> {
                if (!statuses.equals(List.of("PENDING", "EXPIRED"))) {
                    broken.add(id + ": EXPIRED with history " + statuses);
                }
            }
            default -> broken.add(id + ": not terminal");
        }
        return broken;
    }

    static void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "local/target/local-stack.jar", "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--template", "sam/template.yaml", "--fault", "dynamodb:error=" + error, "--fault-seed",
                Long.toString(seed), "--param", "ApiThrottlingRateLimit=100000", "--param",
                "ApiThrottlingBurstLimit=100000"));
        if (throttle > 0) {
            command.addAll(List.of("--fault", "dynamodb:throttle=" + throttle));
        }
        stack = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("stack.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!stack.isAlive()) {
                throw new IllegalStateException("the stack ended: see " + data.resolve("stack.log"));
            }
            try {
                if (send(HttpRequest.newBuilder(uri("/_local/faults")).GET().build()).status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the stack did not answer within 3 minutes");
    }

    /** Ends the stack: SIGKILL ({@code kill}) or SIGTERM (its shutdown hook stops everything), and waits for it. */
    static void stop(boolean kill) throws Exception {
        if (stack == null || !stack.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = stack.descendants().toList();
        if (kill) {
            stack.destroyForcibly();
        } else {
            stack.destroy();
        }
        stack.waitFor(60, TimeUnit.SECONDS);
        for (ProcessHandle p : descendants) { // the store and the function JVMs end with their parent
            p.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static HttpRequest post(String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        return b.build();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void log(String line) {
        System.err.println("[bench] " + line);
    }
}
