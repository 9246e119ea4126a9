package dev.vrack.checker;

import java.util.List;
import java.util.Optional;

/**
 * The checker's answer on a history: valid or not, every violation sorted by time, and what is still in flight.
 *
 * @param valid           true when there is no violation (malformed events count as violations)
 * @param eventCount      how many events the history held
 * @param first           the first event's instant (null for an empty history)
 * @param last            the last event's instant (null for an empty history)
 * @param apps            one summary per application, by name
 * @param violations      every violation, sorted by start, then end
 * @param pendingReclaims seats not yet reclaimed but within their grace: not violations
 * @param timelines       one timeline per application, by name: what the checker counted, over time
 */
public record Verdict(boolean valid, int eventCount, Moment first, Moment last, List<AppSummary> apps,
                      List<Violation> violations, List<PendingReclaim> pendingReclaims, List<AppTimeline> timelines) {

    public Verdict {
        apps = List.copyOf(apps);
        violations = List.copyOf(violations);
        pendingReclaims = List.copyOf(pendingReclaims);
        timelines = List.copyOf(timelines);
    }

    /** A verdict without timelines. */
    public Verdict(boolean valid, int eventCount, Moment first, Moment last, List<AppSummary> apps,
                   List<Violation> violations, List<PendingReclaim> pendingReclaims) {
        this(valid, eventCount, first, last, apps, violations, pendingReclaims, List.of());
    }

    /** The timeline of one application, if the history named it. */
    public Optional<AppTimeline> timeline(String app) {
        return timelines.stream().filter(t -> t.app().equals(app)).findFirst();
    }

    /** The violations of one invariant. */
    public List<Violation> violationsOf(Invariant invariant) {
        return violations.stream().filter(v -> v.invariant() == invariant).toList();
    }
}
