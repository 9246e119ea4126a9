package dev.vrack.scenario.report;

import static dev.vrack.scenario.report.RunBuilder.always;
import static dev.vrack.scenario.report.RunBuilder.eventually;
import static dev.vrack.scenario.report.RunBuilder.mono;
import static dev.vrack.scenario.report.RunBuilder.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.scenario.Anchor;
import dev.vrack.scenario.Window;
import dev.vrack.scenario.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How expectations are judged on a run's timelines: eventually, always, and windows anchored on step firings. */
class ExpectationJudgeTest {

    /** Two seats of www, three cartridges; at 5 s A/1 is pulled and A/3 takes the seat at 6.3 s. */
    static RunBuilder pullFailover() {
        return new RunBuilder().seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www")
                .fault(5_000, "pull", "pull-one", 1, "A/1")
                .removed(5_010, "A/1").reclaimed(5_012, "www", "A/1", "L-A/1--1500", "holder-gone")
                .runs(6_300, "A/3", "www");
    }

    @Test
    void eventuallyPassesAtTheInstantTheConditionBecameTrue() {
        ExpectationResult result = only(pullFailover()
                .expect("www back to 2", eventually(Anchor.step("pull-one", 100), 5_000), running("www", 2))
                .report(20_000));

        assertThat(result.passed()).isTrue();
        assertThat(result.at()).hasValue(mono(6_300));
        assertThat(result.message())
                .isEqualTo("2 instances of www running from 6.300 s (1.2 s after pull-one #1 + 100 ms)");
        assertThat(result.name()).isEqualTo("www back to 2 (pull-one #1)");
    }

    @Test
    void eventuallyFailsWhenTheConditionNeverHoldsInTheWindow() {
        ExpectationResult result = only(pullFailover()
                .expect("fast failover", eventually(Anchor.step("pull-one", 100), 1_000), running("www", 2))
                .report(20_000));

        assertThat(result.passed()).isFalse();
        assertThat(result.at()).isEmpty();
        assertThat(result.message()).isEqualTo("not 2 instances of www running by 1 s after pull-one #1"
                + " + 100 ms (5.100 s to 6.100 s); 1 ran throughout");
    }

    @Test
    void eventuallyCutShortByTheEndOfTheRunSaysSo() {
        ExpectationResult result = only(pullFailover()
                .expect("three", eventually(Anchor.START, 60_000), running("www", 3))
                .report(20_000));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).contains("between 1 and 2 ran")
                .endsWith("; the run ended at 20.000 s, before the window closed");
    }

    @Test
    void alwaysFailsNamingTheFirstFailingInstantAndHowLongItLasted() {
        ExpectationResult result = only(pullFailover()
                .expect("never below 2", always(Anchor.START, Anchor.END), running("www", 2))
                .report(20_000));

        assertThat(result.passed()).isFalse();
        assertThat(result.at()).hasValue(mono(5_010));
        assertThat(result.message()).isEqualTo("not 2 instances of www running at 5.010 s (5.01 s after the"
                + " start): 1 running; it held again 1.29 s later, at 6.300 s");
    }

    @Test
    void alwaysPassesWhenTheConditionHoldsAtEveryInstantOfTheWindow() {
        List<ExpectationResult> results = pullFailover()
                .expect("at least one", always(Anchor.START, Anchor.END),
                        new Condition.Running("www", Condition.Comparison.AT_LEAST, 1))
                .expect("within count", always(Anchor.START, Anchor.END), new Condition.WithinCount("www"))
                .report(20_000).expectations();

        assertThat(results).extracting(ExpectationResult::passed).containsExactly(true, true);
        assertThat(results.get(0).message())
                .isEqualTo("at least 1 instance of www running at every instant from 0.000 s to 20.000 s");
    }

    @Test
    void aWindowAnchoredOnAStepIsJudgedOncePerFiring() {
        RunBuilder run = new RunBuilder().seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www")
                .fault(3_000, "kill", "storm", 1, "A/1").exited(3_020, "A/1")
                .runs(3_800, "A/3", "www")
                .fault(8_000, "kill", "storm", 2, "A/2").exited(8_015, "A/2")
                .expect("recovers", eventually(Anchor.step("storm", 100), 2_000), running("www", 2));

        List<ExpectationResult> results = run.report(20_000).expectations();

        assertThat(results).extracting(ExpectationResult::name)
                .containsExactly("recovers (storm #1)", "recovers (storm #2)");
        assertThat(results).extracting(ExpectationResult::passed).containsExactly(true, false);
        assertThat(results.get(0).message()).isEqualTo("2 instances of www running from 3.800 s (700 ms after storm #1 + 100 ms)");
        assertThat(results.get(1).message()).startsWith("not 2 instances of www running by 2 s after storm #2");
    }

    @Test
    void eventuallyIsNotSatisfiedByTheInstantOfTheFaultItself() {
        // At the pull's own instant the pulled instance still runs: 2 running, but only until the pull acts.
        RunBuilder run = new RunBuilder().seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www")
                .fault(5_000, "pull", "pull-one", 1, "A/1").removed(5_010, "A/1")
                .expect("seat moves", eventually(Anchor.step("pull-one", 0), 5_000), running("www", 2));

        ExpectationResult result = only(run.report(20_000));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).startsWith("not 2 instances of www running by 5 s after pull-one #1");
    }

    @Test
    void anExpectationAfterASkippedFiringFailsSayingTheFaultNeverHappened() {
        RunBuilder run = new RunBuilder().seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www")
                .skipped(5_000, "pull", "pull-one", 1, "no slot matched the selector")
                .expect("seat moves", eventually(Anchor.step("pull-one", 100), 3_000), running("www", 2));

        ExpectationResult result = only(run.report(20_000));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).contains("was skipped (no slot matched the selector)");
    }

    @Test
    void withinCountFollowsTheCheckerSoALoweredCountIsNoFailureButAStartOverItIs() {
        RunBuilder keyOut = new RunBuilder().seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www")
                .seats(5_000, "www", 0)
                .expect("within count", always(Anchor.START, Anchor.END), new Condition.WithinCount("www"));
        RunBuilder overGrant = new RunBuilder().seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www").runs(4_000, "A/3", "www").seats(8_000, "www", 2)
                .expect("within count", always(Anchor.START, Anchor.END), new Condition.WithinCount("www"));

        assertThat(only(keyOut.report(20_000)).passed()).isTrue();
        ExpectationResult broken = only(overGrant.report(20_000));
        assertThat(broken.passed()).isFalse();
        assertThat(broken.at()).hasValue(mono(4_000));
    }

    @Test
    void alwaysWithAToleranceAllowsShortDipsButNotALongOne() {
        // The pull-failover history dips to 1 running from 5.010 s to 6.300 s: 1.29 s.
        ExpectationResult tolerant = only(pullFailover()
                .expect("never below 2 for long", new Window.Always(Anchor.START, Anchor.END, 2_000), running("www", 2))
                .report(20_000));
        ExpectationResult strict = only(pullFailover()
                .expect("never below 2 for a second", new Window.Always(Anchor.START, Anchor.END, 1_000),
                        running("www", 2))
                .report(20_000));

        assertThat(tolerant.passed()).isTrue();
        assertThat(tolerant.message()).endsWith("; false for at most 1.29 s at a stretch (up to 2 s tolerated)");
        assertThat(strict.passed()).isFalse();
        assertThat(strict.at()).hasValue(mono(5_010));
        assertThat(strict.message()).endsWith("(longer than the 1 s tolerated)");
    }

    @Test
    void aStepThatNeverFiredIsAFailedResultSayingSo() {
        ExpectationResult result = only(pullFailover()
                .expect("after the USB key", eventually(Anchor.step("usb-out", 0), 1_000), running("www", 0))
                .report(20_000));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("step usb-out never fired, so there was nothing to judge after it");
    }

    @Test
    void aSlotConditionFollowsTheSlotsRunningIntervals() {
        ScenarioReport report = pullFailover()
                .expect("A/1 gone", always(Anchor.step("pull-one", 100), Anchor.END),
                        new Condition.SlotRunning("A/1", false))
                .expect("A/3 takes over", eventually(Anchor.step("pull-one", 0), 3_000),
                        new Condition.SlotRunning("A/3", true))
                .report(20_000);

        assertThat(report.expectations()).extracting(ExpectationResult::passed).containsExactly(true, true);
        assertThat(report.expectations().get(1).at()).hasValue(mono(6_300));
    }

    private static ExpectationResult only(ScenarioReport report) {
        assertThat(report.expectations()).hasSize(1);
        return report.expectations().get(0);
    }
}
