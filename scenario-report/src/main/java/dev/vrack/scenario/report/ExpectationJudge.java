package dev.vrack.scenario.report;

import dev.vrack.checker.Verdict;
import dev.vrack.scenario.Anchor;
import dev.vrack.scenario.Expectation;
import dev.vrack.scenario.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Judges a scenario's expectations on the checker's timelines. {@code eventually(from, within)} holds when the
 * condition is true at the window's end, from + within (the rack got there and is still there); the report names
 * the instant it last became true. Merely holding at some instant is not enough: a fault is recorded just before it
 * acts, so at the instant of a pull the pulled instance still runs, and "2 running within 5 s after the pull" would
 * hold vacuously. {@code always(from, to)} holds when the condition is true at every instant of [from, to]. A window anchored on a step is judged once per firing of that step. Windows end at the
 * run's end at the latest: what happened during tear-down is no part of the scenario.
 */
public final class ExpectationJudge {

    private final Conditions conditions;
    private final List<FaultFiring> firings;
    private final long startMono;
    private final long endMono;
    private final RunClock clock;

    /** A judge over one run: the checker's verdict (with its timelines), the fault firings, start and end. */
    public ExpectationJudge(Verdict verdict, List<FaultFiring> firings, long startMono, long endMono) {
        this.conditions = new Conditions(verdict);
        this.firings = List.copyOf(firings);
        this.startMono = startMono;
        this.endMono = endMono;
        this.clock = new RunClock(startMono);
    }

    /** Every expectation's results, in order: one, or one per firing of the step its window starts from. */
    public List<ExpectationResult> judge(List<Expectation> expectations) {
        List<ExpectationResult> results = new ArrayList<>();
        for (Expectation expectation : expectations) {
            results.addAll(judge(expectation));
        }
        return results;
    }

    /** One expectation's results. */
    public List<ExpectationResult> judge(Expectation expectation) {
        Anchor from = expectation.window() instanceof Window.Eventually e ? e.from()
                : ((Window.Always) expectation.window()).from();
        String step = ExpectationResult.stepOf(from);
        if (step == null) {
            return List.of(judgeAt(expectation, resolve(from, null), null, 0, "the start"));
        }
        List<FaultFiring> ofStep = firings.stream().filter(f -> f.step().equals(step)).toList();
        if (ofStep.isEmpty()) {
            return List.of(new ExpectationResult(expectation, step, 0, false, "step " + step
                    + " never fired, so there was nothing to judge after it", OptionalLong.empty()));
        }
        List<ExpectationResult> results = new ArrayList<>();
        for (FaultFiring firing : ofStep) {
            results.add(judgeAt(expectation, resolve(from, firing), firing, firing.firing(), firing.label()));
        }
        return results;
    }

    private ExpectationResult judgeAt(Expectation expectation, long from, FaultFiring firing, int number,
                                      String anchorName) {
        String step = firing == null ? null : firing.step();
        Anchor anchor = expectation.window() instanceof Window.Eventually e ? e.from()
                : ((Window.Always) expectation.window()).from();
        String anchorText = describe(anchor, anchorName);
        if (firing != null && firing.skipped() != null) {
            // The fault did not happen, so whatever held after it proves nothing about surviving it.
            return new ExpectationResult(expectation, step, number, false, anchorText + " was skipped ("
                    + firing.skipped() + "), so the fault this expectation is about never happened",
                    OptionalLong.empty());
        }
        if (from > endMono) {
            return new ExpectationResult(expectation, step, number, false, "its window starts at "
                    + clock.at(from) + " (" + anchorText + "), after the run ended at " + clock.at(endMono),
                    OptionalLong.empty());
        }
        if (expectation.window() instanceof Window.Eventually eventually) {
            return eventually(expectation, step, number, from, from + eventually.withinMs() * 1_000_000L, anchorText);
        }
        Window.Always always = (Window.Always) expectation.window();
        OptionalLong to = resolveEnd(always.to(), from, firing);
        if (to.isEmpty()) {
            return new ExpectationResult(expectation, step, number, false, "its window ends at step "
                    + always.to().stepId().orElse("?") + ", which never fired after " + clock.at(from),
                    OptionalLong.empty());
        }
        return always(expectation, step, number, from, to.getAsLong(), always.tolerateMs() * 1_000_000L, anchorText);
    }

    private ExpectationResult eventually(Expectation expectation, String step, int number, long from, long to,
                                         String anchorText) {
        String condition = Conditions.describe(expectation.condition());
        long until = Math.min(to, endMono);
        OptionalLong became = conditions.signal(expectation.condition()).settledTrue(from, until);
        if (became.isPresent()) {
            long at = became.getAsLong();
            return new ExpectationResult(expectation, step, number, true, condition + " from " + clock.at(at)
                    + " (" + RunClock.duration(at - from) + " after " + anchorText + ")", became);
        }
        String cut = to > endMono ? "; the run ended at " + clock.at(endMono) + ", before the window closed" : "";
        return new ExpectationResult(expectation, step, number, false, "not " + condition + " by "
                + RunClock.duration(to - from) + " after " + anchorText + " (" + clock.at(from) + " to "
                + clock.at(until) + ")" + conditions.range(expectation.condition(), from, until) + cut,
                OptionalLong.empty());
    }

    private ExpectationResult always(Expectation expectation, String step, int number, long from, long to,
                                     long tolerate, String anchorText) {
        String condition = Conditions.describe(expectation.condition());
        long until = Math.min(to, endMono);
        Signal signal = conditions.signal(expectation.condition());
        long longestDip = 0;
        long searchFrom = from;
        while (true) {
            OptionalLong failed = signal.first(false, searchFrom, until);
            if (failed.isEmpty()) {
                break;
            }
            long at = failed.getAsLong();
            OptionalLong again = signal.first(true, at, endMono);
            long dip = (again.isPresent() ? again.getAsLong() : endMono) - at;
            boolean tolerated = again.isPresent() && dip <= tolerate && tolerate > 0;
            if (!tolerated) {
                return alwaysFailed(expectation, step, number, from, at, again, tolerate, condition, anchorText);
            }
            longestDip = Math.max(longestDip, dip);
            searchFrom = again.getAsLong();
        }
        String cut = to > endMono ? " (the run ended at " + clock.at(endMono) + ")" : "";
        String dips = longestDip > 0 ? "; false for at most " + RunClock.duration(longestDip) + " at a stretch (up to "
                + RunClock.duration(tolerate) + " tolerated)" : "";
        return new ExpectationResult(expectation, step, number, true, condition + " at every instant from "
                + clock.at(from) + " to " + clock.at(until) + cut + dips, OptionalLong.empty());
    }

    private ExpectationResult alwaysFailed(Expectation expectation, String step, int number, long from, long at,
                                           OptionalLong again, long tolerate, String condition, String anchorText) {
        String lasting = again.isPresent() ? "; it held again " + RunClock.duration(again.getAsLong() - at)
                + " later, at " + clock.at(again.getAsLong())
                : "; it did not hold again before the end, at " + clock.at(endMono);
        String tolerated = tolerate > 0 ? " (longer than the " + RunClock.duration(tolerate) + " tolerated)" : "";
        return new ExpectationResult(expectation, step, number, false, "not " + condition + " at " + clock.at(at)
                + " (" + RunClock.duration(at - from) + " after " + anchorText + "): "
                + conditions.actual(expectation.condition(), at) + lasting + tolerated, OptionalLong.of(at));
    }

    /** The instant an anchor names: the start, the end, or this firing, plus its offset. */
    private long resolve(Anchor anchor, FaultFiring firing) {
        long base = switch (anchor.point()) {
            case START -> startMono;
            case END -> endMono;
            case STEP -> firing.mono();
        };
        return base + anchor.offsetMs() * 1_000_000L;
    }

    /** The end of an always window: its step's firing (the same one when both ends name it, else the next one). */
    private OptionalLong resolveEnd(Anchor to, long from, FaultFiring fromFiring) {
        if (to.point() != Anchor.Point.STEP) {
            return OptionalLong.of(resolve(to, null));
        }
        String step = to.stepId().orElse("");
        if (fromFiring != null && fromFiring.step().equals(step)) {
            return OptionalLong.of(resolve(to, fromFiring));
        }
        return firings.stream().filter(f -> f.step().equals(step) && f.mono() >= from).findFirst()
                .map(f -> OptionalLong.of(resolve(to, f))).orElse(OptionalLong.empty());
    }

    /** "pull-one #1", "the start + 5 s", "the end - 1 s". */
    private static String describe(Anchor anchor, String name) {
        String base = anchor.point() == Anchor.Point.END ? "the end" : name;
        if (anchor.offsetMs() == 0) {
            return base;
        }
        String sign = anchor.offsetMs() > 0 ? " + " : " - ";
        return base + sign + RunClock.duration(Math.abs(anchor.offsetMs()) * 1_000_000L);
    }
}
