package dev.ordersprofiles.application.order;

/**
 * What one cleanup run did.
 *
 * @param expired orders moved from PENDING to EXPIRED
 * @param skipped stale orders that moved on concurrently (the workflow got there first) and were left alone
 */
public record ExpiryReport(int expired, int skipped) {
}
