package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Map Runs of Distributed Map states: what DescribeMapRun, ListMapRuns and UpdateMapRun see. A Map Run is
 * recorded in its parent's history (MapRunStarted with its settings, MapRunSucceeded or MapRunFailed), so
 * {@link Executions#recover} rebuilds it from the journal; its child executions are executions of their own.
 */
public final class MapRuns {

    /** The status DescribeMapRun reports. */
    public enum Status { RUNNING, SUCCEEDED, FAILED, ABORTED }

    /** One Map Run. Its settings may change while it runs (UpdateMapRun). */
    public static final class MapRun {
        private final String arn;
        private final String executionArn;
        private final String stateMachineArn;
        private final String stateName;
        private final Instant startDate;
        private final boolean express;
        private final int[] itemsPerChild;
        private volatile int maxConcurrency;
        private volatile Double toleratedFailurePercentage;
        private volatile Long toleratedFailureCount;
        private volatile Status status = Status.RUNNING;
        private volatile Instant stopDate;
        /** Called after an update while it runs (more children may start, the threshold may be passed). */
        volatile Runnable onUpdate = () -> { };

        MapRun(String arn, String executionArn, String stateMachineArn, String stateName, Instant startDate,
               boolean express, int[] itemsPerChild, int maxConcurrency, Double toleratedFailurePercentage,
               Long toleratedFailureCount) {
            this.arn = arn;
            this.executionArn = executionArn;
            this.stateMachineArn = stateMachineArn;
            this.stateName = stateName;
            this.startDate = startDate;
            this.express = express;
            this.itemsPerChild = itemsPerChild;
            this.maxConcurrency = maxConcurrency;
            this.toleratedFailurePercentage = toleratedFailurePercentage;
            this.toleratedFailureCount = toleratedFailureCount;
        }

        public String arn() {
            return arn;
        }

        /** The parent execution. */
        public String executionArn() {
            return executionArn;
        }

        /** The state machine its children run: {@code <parent machine ARN>/<label or id>}. */
        public String stateMachineArn() {
            return stateMachineArn;
        }

        String stateName() {
            return stateName;
        }

        public Instant startDate() {
            return startDate;
        }

        public Optional<Instant> stopDate() {
            return Optional.ofNullable(stopDate);
        }

        public Status status() {
            return status;
        }

        public boolean express() {
            return express;
        }

        /** 0: no limit. */
        public int maxConcurrency() {
            return maxConcurrency;
        }

        public double toleratedFailurePercentage() {
            return toleratedFailurePercentage == null ? 0 : toleratedFailurePercentage;
        }

        public long toleratedFailureCount() {
            return toleratedFailureCount == null ? 0 : toleratedFailureCount;
        }

        Double percentageOrNull() {
            return toleratedFailurePercentage;
        }

        Long countOrNull() {
            return toleratedFailureCount;
        }

        /** How many child executions it runs (one per item, or per batch). */
        public int children() {
            return itemsPerChild.length;
        }

        /** How many items its child {@code index} processes. */
        public int items(int index) {
            return itemsPerChild[index];
        }

        public int totalItems() {
            int total = 0;
            for (int n : itemsPerChild) {
                total += n;
            }
            return total;
        }

        synchronized boolean close(Status finalStatus, Instant at) {
            if (status != Status.RUNNING) {
                return false;
            }
            status = finalStatus;
            stopDate = at;
            return true;
        }

        /**
         * UpdateMapRun: any of the three settings (null: unchanged).
         *
         * @throws IllegalArgumentException when a value is out of range
         */
        public void update(Integer concurrency, Double percentage, Long count) {
            if (concurrency != null && concurrency < 0) {
                throw new IllegalArgumentException("maxConcurrency must be >= 0");
            }
            if (percentage != null && (percentage < 0 || percentage > 100)) {
                throw new IllegalArgumentException("toleratedFailurePercentage must be between 0 and 100");
            }
            if (count != null && count < 0) {
                throw new IllegalArgumentException("toleratedFailureCount must be >= 0");
            }
            if (concurrency != null) {
                maxConcurrency = concurrency;
            }
            if (percentage != null) {
                toleratedFailurePercentage = percentage;
            }
            if (count != null) {
                toleratedFailureCount = count;
            }
            if (status == Status.RUNNING) {
                onUpdate.run();
            }
        }

        /** The settings as the MapRunStarted event keeps them for a restart (not part of the AWS event shape). */
        ObjectNode settings() {
            ObjectNode s = Json.object();
            s.put("stateMachineArn", stateMachineArn);
            s.put("express", express);
            s.put("maxConcurrency", maxConcurrency);
            if (toleratedFailurePercentage != null) {
                s.put("toleratedFailurePercentage", toleratedFailurePercentage);
            }
            if (toleratedFailureCount != null) {
                s.put("toleratedFailureCount", toleratedFailureCount);
            }
            var items = s.putArray("itemsPerChild");
            for (int n : itemsPerChild) {
                items.add(n);
            }
            return s;
        }

        static MapRun fromSettings(String arn, String executionArn, String stateName, Instant startDate,
                                   JsonNode s) {
            JsonNode items = s.path("itemsPerChild");
            int[] perChild = new int[items.size()];
            for (int i = 0; i < perChild.length; i++) {
                perChild[i] = items.get(i).asInt();
            }
            return new MapRun(arn, executionArn, s.path("stateMachineArn").asText(), stateName, startDate,
                    s.path("express").asBoolean(), perChild, s.path("maxConcurrency").asInt(),
                    s.hasNonNull("toleratedFailurePercentage") ? s.get("toleratedFailurePercentage").asDouble() : null,
                    s.hasNonNull("toleratedFailureCount") ? s.get("toleratedFailureCount").asLong() : null);
        }
    }

    /** The name of a Map Run's child {@code index}: a UUID derived from both, so that a resumed run finds it. */
    public static String childName(String mapRunArn, int index) {
        return java.util.UUID.nameUUIDFromBytes((mapRunArn + "#" + index)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The key of the MapRunStarted details that holds a Map Run's settings; {@link HistoryEvent#toJson} drops it. */
    static final String SETTINGS = "localMapRunSettings";

    private final Map<String, MapRun> byArn = new ConcurrentHashMap<>();

    void add(MapRun run) {
        byArn.put(run.arn(), run);
    }

    public Optional<MapRun> find(String mapRunArn) {
        return Optional.ofNullable(byArn.get(mapRunArn));
    }

    /** The Map Runs an execution started, oldest first. */
    public List<MapRun> of(String executionArn) {
        List<MapRun> runs = new ArrayList<>();
        for (MapRun run : byArn.values()) {
            if (run.executionArn().equals(executionArn)) {
                runs.add(run);
            }
        }
        runs.sort(Comparator.comparing(MapRun::startDate).thenComparing(MapRun::arn));
        return runs;
    }

    /** Forgets the Map Runs of an execution that retention evicted. */
    void forget(String executionArn) {
        byArn.values().removeIf(run -> run.executionArn().equals(executionArn));
    }

    /** Rebuilds the Map Runs recorded in a restored execution's history. */
    void restore(Execution execution, List<HistoryEvent> history) {
        for (HistoryEvent event : history) {
            switch (event.type()) {
                case "MapRunStarted" -> {
                    JsonNode settings = event.details().get(SETTINGS);
                    if (settings != null) {
                        add(MapRun.fromSettings(event.details().path("mapRunArn").asText(), execution.arn(),
                                event.stateName(), event.timestamp(), settings));
                    }
                }
                case "MapRunSucceeded", "MapRunFailed" -> {
                    Status status = event.type().equals("MapRunSucceeded") ? Status.SUCCEEDED : Status.FAILED;
                    for (MapRun run : of(execution.arn())) {
                        if (run.status() == Status.RUNNING && run.stateName().equals(event.stateName())) {
                            run.close(status, event.timestamp());
                        }
                    }
                }
                default -> { }
            }
        }
        if (execution.isClosed()) {
            for (MapRun run : of(execution.arn())) {
                run.close(Status.ABORTED, execution.stopDate());
            }
        }
    }
}
