package dev.vrack.checker;

import static dev.vrack.checker.TestHistory.mono;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The timelines the checker records while it checks: the same counting as the invariants, over time. */
class TimelineTest {

    @Test
    void aFailoverIsAStepFunctionOfRunningInstancesAndTheCountInForce() {
        Verdict verdict = new TestHistory().seats(10, "www", 2)
                .started(150, "A/1", "www", "L1").started(250, "A/2", "www", "L2")
                .removed(1_000, "A/1", "hard")
                .started(1_050, "A/3", "www", "L3")
                .check();

        AppTimeline www = verdict.timeline("www").orElseThrow();
        assertThat(www.points()).containsExactly(
                new TimelinePoint(mono(10), 0, 2),
                new TimelinePoint(mono(150), 1, 2),
                new TimelinePoint(mono(250), 2, 2),
                new TimelinePoint(mono(1_000), 1, 2),
                new TimelinePoint(mono(1_050), 2, 2));
        assertThat(www.runningAt(mono(999))).isEqualTo(2);
        assertThat(www.runningAt(mono(1_000))).isEqualTo(1);
        assertThat(www.runningAt(mono(5))).isZero();
        assertThat(www.countAt(mono(5))).isZero();
        assertThat(www.countAt(mono(20))).isEqualTo(2);
    }

    @Test
    void eachSlotsRunningIntervalEndsWithTheEventThatEndedIt() {
        TestHistory history = new TestHistory().seats(0, "www", 1)
                .started(100, "A/1", "www", "L1").as("start")
                .exited(2_000, "A/1").as("exit")
                .started(2_100, "A/2", "www", "L2").as("next");

        AppTimeline www = history.check().timeline("www").orElseThrow();

        assertThat(www.runs()).hasSize(2);
        RunInterval first = www.runs().get(0);
        assertThat(first.slot()).isEqualTo("A/1");
        assertThat(first.started()).isSameAs(history.event("start"));
        assertThat(first.ended()).isSameAs(history.event("exit"));
        RunInterval second = www.runs().get(1);
        assertThat(second.slot()).isEqualTo("A/2");
        assertThat(second.open()).isTrue();
        assertThat(second.runsAt(mono(9_999))).isTrue();
    }

    @Test
    void aRestartAtTheSameInstantLeavesNoZeroLengthDip() {
        Verdict verdict = new TestHistory().seats(0, "www", 1)
                .started(100, "A/1", "www", "L1")
                .started(500, "A/1", "www", "L1b")
                .check();

        assertThat(verdict.timeline("www").orElseThrow().points()).containsExactly(
                new TimelinePoint(mono(0), 0, 1), new TimelinePoint(mono(100), 1, 1));
    }

    @Test
    void aLateSuspensionEndsTheIntervalAtItsPermittedUntil() {
        Verdict verdict = new TestHistory().seats(0, "www", 1)
                .started(100, "A/1", "www", "L1")
                .add(30_000, "A/1", "app.suspended", "app", "www", "lease", "L1", "reason", "lease ran out",
                        "permittedUntilMono", mono(10_000))
                .check();

        RunInterval run = verdict.timeline("www").orElseThrow().runs().get(0);
        assertThat(run.toMono()).isEqualTo(mono(10_000));
        assertThat(verdict.timeline("www").orElseThrow().runningAt(mono(10_000))).isZero();
    }
}
