package dev.vrack.cli;

import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import java.util.Map;

/** Events the {@code rack} command itself records (source {@code rack}, file {@code events/rack.jsonl}). */
final class RackEvents {

    private RackEvents() {
    }

    static Event emit(StateLayout layout, String type, Map<String, ?> details) {
        try (EventLog events = EventLog.open(layout.eventsDir().resolve("rack.jsonl"), "rack", TimeSource.SYSTEM)) {
            return events.emit(type, details);
        }
    }
}
