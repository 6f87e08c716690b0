package dev.ordersprofiles.adapters.aws.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts what the adapters ask of DynamoDB, on the wire: calls per operation, items read (Query: ScannedCount, the
 * items DynamoDB read and bills, before any filter; GetItem: 1 when an item came back),
 * and the capacity units the server reports (the interceptor asks for ReturnConsumedCapacity=TOTAL on every
 * read and write). Calls that fail (e.g. a failed condition) count as calls too.
 */
public final class DynamoDbCalls implements ExecutionInterceptor {
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong itemsRead = new AtomicLong();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        calls.computeIfAbsent(operation(request), k -> new AtomicLong()).incrementAndGet();
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof DeleteItemRequest delete) {
            return delete.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof QueryResponse query) {
            itemsRead.addAndGet(query.scannedCount());
            addRead(query.consumedCapacity());
        } else if (response instanceof GetItemResponse get) {
            itemsRead.addAndGet(get.hasItem() && !get.item().isEmpty() ? 1 : 0);
            addRead(get.consumedCapacity());
        } else if (response instanceof PutItemResponse put) {
            addWrite(put.consumedCapacity());
        } else if (response instanceof UpdateItemResponse update) {
            addWrite(update.consumedCapacity());
        } else if (response instanceof DeleteItemResponse delete) {
            addWrite(delete.consumedCapacity());
        }
    }

    public long calls(String operation) {
        AtomicLong count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    public Map<String, Long> callsByOperation() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    public long itemsRead() {
        return itemsRead.get();
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    public void reset() {
        calls.clear();
        itemsRead.set(0);
        readUnits.reset();
        writeUnits.reset();
    }

    @Override
    public String toString() {
        return callsByOperation() + ", itemsRead=" + itemsRead() + ", RCU=" + readUnits() + ", WCU=" + writeUnits();
    }

    private static String operation(SdkRequest request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }

    private void addRead(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            readUnits.add(capacity.capacityUnits());
        }
    }

    private void addWrite(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            writeUnits.add(capacity.capacityUnits());
        }
    }
}
