package dev.ordersprofiles.application.port;

import dev.ordersprofiles.application.event.BusinessEvent;

/** Records business events (for metrics). Recording must never fail the business operation. */
public interface EventLog {

    void record(BusinessEvent event);
}
