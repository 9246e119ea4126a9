package dev.vrack.scenario.report;

import dev.vrack.checker.AppTimeline;
import dev.vrack.checker.RunInterval;
import dev.vrack.checker.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which seats the faults cost and how long each took to come back. A firing cost a seat when an instance running
 * in a slot it targeted (a chassis target covers its slots) ended at or after the firing: within
 * {@link #PROMPT} for faults that end a process, or by the suspension that followed, within
 * {@code suspendWithin}, for faults that only cut the agent off (freeze, blackhole, link down, impairment, clock
 * step, USB key detach). Each lost seat is matched, in the order they were lost, with the first later start of
 * the same application not already matched to an earlier loss: that slot got it next, and fault to start is the
 * time to recover. Each instance is counted for one firing only (the first that explains its end).
 *
 * @param rows one row per lost seat, in the order of the faults
 */
public record FailoverTable(List<FailoverRow> rows) {

    /** How soon after a process-ending fault the instance must end to be its victim. */
    public static final Duration PROMPT = Duration.ofSeconds(2);

    /** Faults whose victims end by their agent's suspension, later than {@link #PROMPT}. */
    static final Set<String> SUSPENDING = Set.of("freeze", "blackhole", "link-down", "impair", "clock-step",
            "usb-detach", "usb-swap");

    public FailoverTable {
        rows = List.copyOf(rows);
    }

    /**
     * Builds the table.
     *
     * @param verdict       the checker's verdict, whose timelines say which instances ran when
     * @param firings       the fault firings, in time order
     * @param endMono       the run's end: a start after it does not count as a recovery
     * @param suspendWithin how long after a cutting-off fault the suspension may come (the lease's time to live
     *                      plus the key grace and some slack)
     */
    public static FailoverTable build(Verdict verdict, List<FaultFiring> firings, long endMono, Duration suspendWithin) {
        List<FailoverRow> lost = new ArrayList<>();
        Set<RunInterval> claimed = new HashSet<>();
        for (FaultFiring firing : firings) {
            for (AppTimeline timeline : verdict.timelines()) {
                for (RunInterval run : timeline.runs()) {
                    if (!claimed.contains(run) && victim(firing, run, suspendWithin)) {
                        claimed.add(run);
                        lost.add(new FailoverRow(firing.mono(), firing.fault(), firing.step(), firing.firing(),
                                run.app(), run.slot(), run.toMono(), null, OptionalLong.empty()));
                    }
                }
            }
        }
        return new FailoverTable(recoveries(verdict, lost, endMono));
    }

    private static boolean victim(FaultFiring firing, RunInterval run, Duration suspendWithin) {
        if (run.open() || run.fromMono() > firing.mono() || run.toMono() < firing.mono()
                || !firing.targets(run.slot())) {
            return false;
        }
        long after = run.toMono() - firing.mono();
        if (SUSPENDING.contains(firing.fault())) {
            return "app.suspended".equals(run.ended().type()) && after <= suspendWithin.toNanos();
        }
        return after <= PROMPT.toNanos();
    }

    /** Matches each loss, in the order of the losses, with the first later unmatched start of its application. */
    private static List<FailoverRow> recoveries(Verdict verdict, List<FailoverRow> lost, long endMono) {
        List<FailoverRow> byLoss = new ArrayList<>(lost);
        byLoss.sort(Comparator.comparingLong(FailoverRow::lostMono));
        Set<RunInterval> used = new HashSet<>();
        List<FailoverRow> done = new ArrayList<>();
        for (FailoverRow row : byLoss) {
            RunInterval next = null;
            for (RunInterval run : verdict.timeline(row.app()).map(AppTimeline::runs).orElse(List.of())) {
                if (run.fromMono() >= row.lostMono() && run.fromMono() <= endMono && !used.contains(run)) {
                    next = run;
                    break;
                }
            }
            if (next == null) {
                done.add(row);
            } else {
                used.add(next);
                done.add(new FailoverRow(row.faultMono(), row.fault(), row.step(), row.firing(), row.app(),
                        row.lostSlot(), row.lostMono(), next.slot(), OptionalLong.of(next.fromMono())));
            }
        }
        done.sort(Comparator.comparingLong(FailoverRow::faultMono).thenComparingLong(FailoverRow::lostMono));
        return done;
    }
}
