package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invariant (b), judged at the last event ("after the rack is quiet"): every seat still counted belongs to a
 * holder whose instance of that application runs at the end.
 *
 * <p>One running instance covers one seat: when a holder has several seats of one application, only the latest
 * is covered and the older ones are leaks. An uncovered seat is a pending reclaim, not a leak, when its holder
 * stopped needing it less than {@code ttlMs + margin} before the last event, since the manager may still
 * reclaim it by lease expiry. The holder stopped needing it at the latest of: the grant, the grant that
 * superseded it, the end of the holder's last instance or process.
 */
final class LeakCheck {

    private LeakCheck() {
    }

    static void check(List<Grant> outstanding, Map<SlotName, SlotRecord> slots, Event last, long marginMs,
                      List<Violation> violations, List<PendingReclaim> pending) {
        Map<String, List<Grant>> byHolderAndApp = new LinkedHashMap<>();
        for (Grant grant : outstanding) {
            byHolderAndApp.computeIfAbsent(grant.holder().text() + "\u0000" + grant.app(), k -> new ArrayList<>())
                    .add(grant);
        }
        for (List<Grant> grants : byHolderAndApp.values()) {
            grants.sort((a, b) -> Long.compare(a.granted().mono(), b.granted().mono()));
            for (int i = 0; i < grants.size(); i++) {
                Grant grant = grants.get(i);
                boolean latest = i == grants.size() - 1;
                SlotRecord slot = slots.get(grant.holder());
                Instance running = slot == null ? null : slot.current;
                if (latest && running != null && running.app.equals(grant.app())) {
                    continue;
                }
                Event ended = grant.granted();
                if (!latest) {
                    ended = later(ended, grants.get(i + 1).granted());
                }
                if (slot != null && slot.lastEnd != null) {
                    ended = later(ended, slot.lastEnd);
                }
                judge(grant, ended, latest, running, last, marginMs, violations, pending);
            }
        }
    }

    private static void judge(Grant grant, Event ended, boolean latest, Instance running, Event last, long marginMs,
                              List<Violation> violations, List<PendingReclaim> pending) {
        long graceMs = grant.ttlMs() + marginMs;
        long idleNanos = last.mono() - ended.mono();
        List<Event> events = ended == grant.granted() ? List.of(grant.granted()) : List.of(grant.granted(), ended);
        if (idleNanos < graceMs * 1_000_000L) {
            long remainingMs = graceMs - idleNanos / 1_000_000L;
            pending.add(new PendingReclaim(grant.app(), grant.holder().text(), grant.lease(), Moment.of(ended),
                    graceMs, remainingMs, events));
            return;
        }
        String why;
        if (!latest) {
            why = "the manager granted " + grant.holder() + " a newer seat of " + grant.app() + " without reclaiming"
                    + " this one";
        } else if (running != null) {
            why = grant.holder() + " runs " + running.app + ", not " + grant.app();
        } else if (ended == grant.granted()) {
            why = grant.holder() + " never started " + grant.app() + " after the grant";
        } else {
            why = grant.holder() + " stopped at " + ended.type() + " and " + grant.app() + " is not running there";
        }
        String message = "seat " + grant.lease() + " of " + grant.app() + " granted to " + grant.holder()
                + " is still counted by the manager " + grant.manager() + " at the end, but " + why + "; it was due"
                + " for reclaim within ttl " + grant.ttlMs() + " ms + margin " + marginMs + " ms and has been idle "
                + idleNanos / 1_000_000L + " ms";
        violations.add(new Violation(Invariant.LEAKED_SEAT, grant.app(), Moment.of(ended), Moment.of(last), message,
                events));
    }

    private static Event later(Event a, Event b) {
        return b.mono() > a.mono() ? b : a;
    }
}
