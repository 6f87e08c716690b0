package dev.ordersprofiles.local.template;

import java.util.Map;

/** A DynamoDB table: its local name and its resolved CloudFormation properties (key schema, indexes, …). */
public record TableDef(String logicalId, String name, Map<String, Object> properties) {
}
