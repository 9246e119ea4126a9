package dev.vrack.dhcp;

import dev.vrack.common.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code dhcp.dropped} events, at most {@link #BURST} per {@link #WINDOW_NANOS}, so a flood of
 * garbage cannot fill the disk; the next event written carries how many were suppressed.
 */
final class DropReporter {

    static final int BURST = 10;
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final EventLog events;
    private long windowStart = Long.MIN_VALUE;
    private int inWindow;
    private long suppressed;

    DropReporter(EventLog events) {
        this.events = events;
    }

    synchronized void dropped(String reason, String from, long monoNanos) {
        if (events == null) {
            return;
        }
        if (windowStart == Long.MIN_VALUE || monoNanos - windowStart >= WINDOW_NANOS) {
            windowStart = monoNanos;
            inWindow = 0;
        }
        if (inWindow >= BURST) {
            suppressed++;
            return;
        }
        inWindow++;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("from", from);
        if (suppressed > 0) {
            details.put("suppressed", suppressed);
            suppressed = 0;
        }
        events.emit("dhcp.dropped", details);
    }
}
