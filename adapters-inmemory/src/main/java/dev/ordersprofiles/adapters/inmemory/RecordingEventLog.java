package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.event.BusinessEvent;
import dev.ordersprofiles.application.port.EventLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event in memory, for tests. */
public final class RecordingEventLog implements EventLog {
    private final List<BusinessEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(BusinessEvent event) {
        events.add(event);
    }

    public List<BusinessEvent> events() {
        return List.copyOf(events);
    }
}
