package dev.ordersprofiles.local.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersprofiles.local.lambda.InvocationResult;
import dev.ordersprofiles.local.lambda.LambdaRuntime;
import dev.ordersprofiles.local.template.StreamMappingDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One DynamoDB stream event source mapping: records that pass the mapping's filters are delivered in order, in
 * batches of at most BatchSize gathered for at most the batching window, to the mapping's function. A failed batch
 * is retried MaximumRetryAttempts times (halved first when BisectBatchOnFunctionError is on); with
 * ReportBatchItemFailures only the records from the first reported failure on are retried. Records that still
 * fail go to the on-failure destination, which locally is {@link #discarded()} and a log line.
 */
public final class StreamDelivery implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UNLIMITED_RETRIES_LOCALLY = 5;

    private final StreamMappingDef mapping;
    private final LambdaRuntime runtime;
    private final List<EventPattern> filters = new ArrayList<>();
    private final BlockingQueue<ObjectNode> records = new LinkedBlockingQueue<>();
    private final List<JsonNode> discarded = new CopyOnWriteArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread poller;
    private volatile boolean running = true;

    public StreamDelivery(StreamMappingDef mapping, LambdaRuntime runtime) {
        this.mapping = mapping;
        this.runtime = runtime;
        for (String pattern : mapping.filterPatterns()) {
            filters.add(EventPattern.parse(pattern));
        }
        this.poller = new Thread(this::poll, "stream-" + mapping.tableName() + "-" + mapping.functionName());
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /** Queues a stream record (see {@link StreamRecords}). Cheap; delivery happens on the mapping's own thread. */
    public void publish(ObjectNode record) {
        records.add(record);
    }

    /** Records given up on (the on-failure destination's content). */
    public List<JsonNode> discarded() {
        return List.copyOf(discarded);
    }

    /** How many records reached the function successfully (filtered ones excluded). */
    public long delivered() {
        return delivered.get();
    }

    private void poll() {
        while (running) {
            try {
                ObjectNode first = records.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<ObjectNode> batch = new ArrayList<>();
                batch.add(first);
                long windowEnds = System.nanoTime() + mapping.batchingWindowMillis() * 1_000_000L;
                while (batch.size() < mapping.batchSize()) {
                    long left = windowEnds - System.nanoTime();
                    ObjectNode next = left > 0 ? records.poll(left, TimeUnit.NANOSECONDS) : records.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                List<ObjectNode> passing = batch.stream().filter(this::passesFilters).toList();
                if (!passing.isEmpty()) {
                    deliver(passing, 0);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.out.println("[stream] delivery to " + mapping.functionName() + " failed: " + e);
            }
        }
    }

    private boolean passesFilters(ObjectNode record) {
        return filters.isEmpty() || filters.stream().anyMatch(f -> f.matches(record));
    }

    private void deliver(List<ObjectNode> batch, int retriesUsed) {
        List<ObjectNode> failed = invoke(batch);
        if (failed.isEmpty()) {
            delivered.addAndGet(batch.size());
            return;
        }
        delivered.addAndGet(batch.size() - failed.size());
        int maxRetries = mapping.maximumRetryAttempts() < 0 ? UNLIMITED_RETRIES_LOCALLY : mapping.maximumRetryAttempts();
        if (retriesUsed >= maxRetries) {
            for (ObjectNode record : failed) {
                discarded.add(record);
            }
            System.out.println("[stream] " + failed.size() + " record(s) of " + mapping.tableName()
                    + " sent to the on-failure destination after " + retriesUsed + " retries");
            return;
        }
        if (mapping.bisectBatchOnFunctionError() && failed.size() > 1) {
            int half = failed.size() / 2;
            deliver(new ArrayList<>(failed.subList(0, half)), retriesUsed + 1);
            deliver(new ArrayList<>(failed.subList(half, failed.size())), retriesUsed + 1);
        } else {
            deliver(failed, retriesUsed + 1);
        }
    }

    /** Invokes the function; returns the records to retry (none on success). */
    private List<ObjectNode> invoke(List<ObjectNode> batch) {
        ObjectNode event = JSON.createObjectNode();
        batch.forEach(event.putArray("Records")::add);
        InvocationResult result = runtime.invoke(mapping.functionName(),
                event.toString().getBytes(StandardCharsets.UTF_8));
        if (!(result instanceof InvocationResult.Success success)) {
            return batch;
        }
        if (!mapping.reportBatchItemFailures()) {
            return List.of();
        }
        Set<String> failedIds = new HashSet<>();
        try {
            JsonNode answer = JSON.readTree(success.payload());
            if (answer != null) {
                answer.path("batchItemFailures").forEach(f -> failedIds.add(f.path("itemIdentifier").asText()));
            }
        } catch (IOException e) {
            return batch;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failedIds.contains(batch.get(i).path("dynamodb").path("SequenceNumber").asText())) {
                // The checkpoint stops at the first failure: it and everything after it is retried.
                return new ArrayList<>(batch.subList(i, batch.size()));
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
