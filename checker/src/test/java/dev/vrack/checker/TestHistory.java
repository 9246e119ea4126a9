package dev.vrack.checker;

import dev.vrack.common.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds synthetic histories in milliseconds since the start of the run, the way the processes would write them. */
final class TestHistory {

    static final Instant WALL_ORIGIN = Instant.parse("2025-01-01T00:00:00Z");
    static final long MONO_ORIGIN = 5_000_000_000L;
    static final long TTL_MS = 10_000;

    private final List<Event> events = new ArrayList<>();
    private final Map<String, Event> byLabel = new HashMap<>();

    static long mono(long ms) {
        return MONO_ORIGIN + ms * 1_000_000L;
    }

    TestHistory add(long ms, String source, String type, Object... keyValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            details.put((String) keyValues[i], keyValues[i + 1]);
        }
        events.add(new Event(WALL_ORIGIN.plusMillis(ms), mono(ms), source, type, details));
        return this;
    }

    /** Remembers the last added event under a name, to assert on it. */
    TestHistory as(String label) {
        byLabel.put(label, events.get(events.size() - 1));
        return this;
    }

    Event event(String label) {
        return byLabel.get(label);
    }

    TestHistory seats(long ms, String app, int count) {
        return add(ms, "A/0", "license.seats", "app", app, "count", count, "inUse", 0, "waiting", 0);
    }

    TestHistory granted(long ms, String app, String holder, String lease) {
        return add(ms, "A/0", "license.granted", "app", app, "holder", holder, "lease", lease, "ttlMs", TTL_MS,
                "queued", false);
    }

    TestHistory reclaimed(long ms, String app, String holder, String lease, String reason) {
        return add(ms, "A/0", "license.reclaimed", "app", app, "holder", holder, "lease", lease, "reason", reason);
    }

    TestHistory started(long ms, String slot, String app, String lease) {
        return add(ms, slot, "app.started", "app", app, "lease", lease);
    }

    TestHistory stopped(long ms, String slot, String app) {
        return add(ms, slot, "app.stopped", "app", app, "reason", "stop requested");
    }

    TestHistory suspended(long ms, String slot, String app, String reason) {
        return reason == null ? add(ms, slot, "app.suspended", "app", app, "lease", "x")
                : add(ms, slot, "app.suspended", "app", app, "lease", "x", "reason", reason);
    }

    TestHistory exited(long ms, String slot) {
        return add(ms, slot, "cartridge.exited", "pid", 4242, "exitCode", 137, "expected", false);
    }

    TestHistory removed(long ms, String slot, String mode) {
        return add(ms, slot, "slot.removed", "card", "c.card", "kind", "app", "mode", mode, "forced", false);
    }

    List<Event> events() {
        return events;
    }

    Verdict check() {
        return new HistoryChecker().check(events);
    }
}
