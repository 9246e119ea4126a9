package dev.vrack.scenario.report;

import dev.vrack.checker.AppTimeline;
import dev.vrack.checker.Invariant;
import dev.vrack.checker.RunInterval;
import dev.vrack.checker.TimelinePoint;
import dev.vrack.checker.Verdict;
import dev.vrack.checker.Violation;
import dev.vrack.scenario.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a scenario condition into its {@link Signal} over the checker's timelines, and says it in words. */
final class Conditions {

    private final Verdict verdict;

    Conditions(Verdict verdict) {
        this.verdict = verdict;
    }

    /** The condition's truth over the whole history. */
    Signal signal(Condition condition) {
        if (condition instanceof Condition.Running r) {
            return running(r);
        }
        if (condition instanceof Condition.WithinCount w) {
            return withinCount(w.app());
        }
        return slot((Condition.SlotRunning) condition);
    }

    /** "2 instances of www running", "at least 1 instance of www running", "A/3 running", "www within its count". */
    static String describe(Condition condition) {
        if (condition instanceof Condition.Running r) {
            String how = switch (r.comparison()) {
                case EQUAL -> "";
                case AT_LEAST -> "at least ";
                case AT_MOST -> "at most ";
            };
            return how + r.n() + (r.n() == 1 ? " instance of " : " instances of ") + r.app() + " running";
        }
        if (condition instanceof Condition.WithinCount w) {
            return w.app() + " within its license count";
        }
        Condition.SlotRunning s = (Condition.SlotRunning) condition;
        return s.slot() + (s.running() ? " running" : " not running");
    }

    /** What was actually so at {@code mono}: "1 running", "3 running with a count of 2", "A/3 not running". */
    String actual(Condition condition, long mono) {
        if (condition instanceof Condition.Running r) {
            return timeline(r.app()).runningAt(mono) + " running";
        }
        if (condition instanceof Condition.WithinCount w) {
            return timeline(w.app()).runningAt(mono) + " running with a count of " + timeline(w.app()).countAt(mono);
        }
        Condition.SlotRunning s = (Condition.SlotRunning) condition;
        return s.slot() + (slot(s).at(mono) == s.running() ? "" : " not") + " running";
    }

    /** For a count condition that never held in [from, to]: "between 0 and 1 ran then"; otherwise "". */
    String range(Condition condition, long from, long to) {
        if (!(condition instanceof Condition.Running r)) {
            return "";
        }
        AppTimeline timeline = timeline(r.app());
        int low = timeline.runningAt(from);
        int high = low;
        for (TimelinePoint point : timeline.points()) {
            if (point.mono() > from && point.mono() <= to) {
                low = Math.min(low, point.running());
                high = Math.max(high, point.running());
            }
        }
        return low == high ? "; " + low + " ran throughout" : "; between " + low + " and " + high + " ran";
    }

    private Signal running(Condition.Running r) {
        Signal signal = new Signal(r.comparison().holds(0, r.n()));
        for (TimelinePoint point : timeline(r.app()).points()) {
            signal.set(point.mono(), r.comparison().holds(point.running(), r.n()));
        }
        return signal;
    }

    /**
     * False exactly during the checker's over-grant intervals for {@code app}: the same rule as invariant (a), so a
     * count lowered under running instances (a detached key, a smaller license) is no failure, but a start over
     * the count is.
     */
    private Signal withinCount(String app) {
        List<long[]> intervals = new ArrayList<>();
        for (Violation violation : verdict.violations()) {
            if (violation.invariant() == Invariant.OVER_GRANT && app.equals(violation.app())) {
                intervals.add(new long[] {violation.from().mono(), violation.to().mono()});
            }
        }
        intervals.sort((a, b) -> Long.compare(a[0], b[0]));
        Signal signal = new Signal(true);
        for (long[] interval : intervals) {
            signal.set(interval[0], false);
            signal.set(interval[1], true);
        }
        return signal;
    }

    /** A slot runs while any instance (of any application) runs in it: [start, end). */
    private Signal slot(Condition.SlotRunning s) {
        Map<Long, Integer> deltas = new TreeMap<>();
        for (AppTimeline timeline : verdict.timelines()) {
            for (RunInterval run : timeline.runs()) {
                if (run.slot().equals(s.slot())) {
                    deltas.merge(run.fromMono(), 1, Integer::sum);
                    if (!run.open()) {
                        deltas.merge(run.toMono(), -1, Integer::sum);
                    }
                }
            }
        }
        Signal signal = new Signal(!s.running());
        int running = 0;
        for (Map.Entry<Long, Integer> delta : deltas.entrySet()) {
            running += delta.getValue();
            signal.set(delta.getKey(), (running > 0) == s.running());
        }
        return signal;
    }

    private AppTimeline timeline(String app) {
        return verdict.timeline(app).orElseGet(() -> new AppTimeline(app, List.of(), new ArrayList<>()));
    }
}
