package dev.ordersprofiles.application.order;

/**
 * What one reconciler run did.
 *
 * @param expired          PENDING orders past their deadline moved to EXPIRED
 * @param failed           stuck orders compensated and moved to FAILED
 * @param needingAttention stuck orders moved to FAILED with something they could not undo
 * @param skipped          due orders that moved on concurrently (their workflow got there first), left alone
 * @param deferred         due orders a dependency outage kept from being settled; the next run tries again
 */
public record ReconcileReport(int expired, int failed, int needingAttention, int skipped, int deferred) {
}
