package dev.ordersprofiles.local.template;

import java.util.List;

/**
 * A DynamoDB stream event source mapping.
 *
 * @param filterPatterns the FilterCriteria patterns, as JSON texts; a record is delivered if any matches (or none given)
 * @param batchingWindowMillis MaximumBatchingWindowInSeconds: how long a batch may wait to fill up
 */
public record StreamMappingDef(String functionName, String tableName, int batchSize, long batchingWindowMillis,
                               int maximumRetryAttempts,
                               boolean bisectBatchOnFunctionError, boolean reportBatchItemFailures,
                               List<String> filterPatterns) {
    public StreamMappingDef {
        filterPatterns = List.copyOf(filterPatterns);
    }
}
