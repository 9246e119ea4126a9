package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A verdict for people: per application the peak running against the count, then each violation with its
 * interval (seconds since the first event, monotonic and wall time) and its events, then pending reclaims.
 */
public final class VerdictReport {

    private VerdictReport() {
    }

    /** The readable report, lines ending in a newline. */
    public static String text(Verdict verdict) {
        StringBuilder out = new StringBuilder();
        if (verdict.eventCount() == 0) {
            return "no events: nothing to check\n";
        }
        long origin = verdict.first().mono();
        out.append(String.format(Locale.ROOT, "%d events from %s to %s (%.3f s)%n", verdict.eventCount(),
                verdict.first().time(), verdict.last().time(), seconds(verdict.last().mono() - origin)));
        if (!verdict.apps().isEmpty()) {
            out.append("applications:\n");
            for (AppSummary app : verdict.apps()) {
                out.append(String.format(Locale.ROOT,
                        "  %-16s peak %d running (count %d in force then)%s; at the end %d running, count %d,"
                                + " %d seat(s) held%n",
                        app.app(), app.peakRunning(), app.countAtPeak(),
                        app.peakAt() == null ? "" : " at " + offset(app.peakAt(), origin),
                        app.runningAtEnd(), app.countAtEnd(), app.seatsHeldAtEnd()));
            }
        }
        for (Violation violation : verdict.violations()) {
            out.append(String.format(Locale.ROOT, "VIOLATION %s%s  [%s .. %s]  mono %d .. %d  wall %s .. %s%n",
                    violation.invariant().id(), violation.app() == null ? "" : " " + violation.app(),
                    offset(violation.from(), origin), offset(violation.to(), origin),
                    violation.from().mono(), violation.to().mono(), violation.from().time(), violation.to().time()));
            out.append("  ").append(violation.message()).append('\n');
            for (Event event : violation.events()) {
                out.append("    ").append(line(event, origin)).append('\n');
            }
        }
        for (PendingReclaim reclaim : verdict.pendingReclaims()) {
            out.append(String.format(Locale.ROOT, "pending reclaim (not a leak): seat %s of %s held by %s, whose"
                            + " holder ended at %s; the manager has %d ms left of its %d ms grace (ttl + margin)%n",
                    reclaim.lease(), reclaim.app(), reclaim.holder(), offset(reclaim.holderEnded(), origin),
                    reclaim.remainingMs(), reclaim.graceMs()));
        }
        if (verdict.valid()) {
            out.append("VALID: no over-grant, no leaked seat, every suspension has a cause\n");
        } else {
            Map<Invariant, Long> counts = verdict.violations().stream()
                    .collect(Collectors.groupingBy(Violation::invariant, () -> new java.util.EnumMap<>(Invariant.class),
                            Collectors.counting()));
            out.append("INVALID: ").append(counts.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().id())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return out.toString();
    }

    private static String line(Event event, long origin) {
        String details = event.details().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "%s  %-6s %-18s %s", offset(Moment.of(event), origin), event.source(),
                event.type(), details);
    }

    private static String offset(Moment moment, long origin) {
        return String.format(Locale.ROOT, "+%.3fs", seconds(moment.mono() - origin));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
