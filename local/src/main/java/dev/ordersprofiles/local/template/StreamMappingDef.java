package dev.ordersprofiles.local.template;

import java.util.List;

/**
 * A DynamoDB stream event source mapping.
 *
 * @param filterPatterns the FilterCriteria patterns, as JSON texts; a record is delivered if any matches (or none given)
 */
public record StreamMappingDef(String functionName, String tableName, int batchSize, int maximumRetryAttempts,
                               boolean bisectBatchOnFunctionError, boolean reportBatchItemFailures,
                               List<String> filterPatterns) {
    public StreamMappingDef {
        filterPatterns = List.copyOf(filterPatterns);
    }
}
