package dev.vrack.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.scenario.Schedule.Firing;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schedule: timed firings in order, after-steps from their triggers, and the default duration. */
class ScheduleTest {

    private static Step step(String id, Timing timing) {
        return new Step(id, 1, timing, FaultKind.KILL, new TargetSpec.Named(List.of("A/1")), FaultParams.NONE);
    }

    private static final Step AT_5 = step("at-5", new Timing.At(5_000));
    private static final Step EVERY = step("every", new Timing.Every(2_000, 4_000, 3));
    private static final Step AT_2 = step("at-2", new Timing.At(2_000));
    private static final Step AFTER_EVERY = step("reinsert", new Timing.After(null, null, "every", 1_000));
    private static final Step AFTER_EVENT = step("on-start", new Timing.After("app.started", "A/3", null, 500));

    @Test
    void timedFiringsComeInTimeOrderThenFileOrder() {
        Schedule schedule = new Schedule(List.of(AT_5, EVERY, AT_2));
        assertThat(schedule.timed()).containsExactly(
                new Firing("every", 1, 2_000), new Firing("at-2", 1, 2_000),
                new Firing("at-5", 1, 5_000), new Firing("every", 2, 6_000), new Firing("every", 3, 10_000));
    }

    @Test
    void dueHandsEachFiringOutOnceWhenItsTimeHasCome() {
        Schedule schedule = new Schedule(List.of(AT_5, EVERY));
        assertThat(schedule.due(1_999)).isEmpty();
        assertThat(schedule.nextDueMs()).hasValue(2_000);
        assertThat(schedule.due(5_000)).containsExactly(new Firing("every", 1, 2_000), new Firing("at-5", 1, 5_000));
        assertThat(schedule.due(5_000)).isEmpty();
        assertThat(schedule.due(60_000)).containsExactly(new Firing("every", 2, 6_000), new Firing("every", 3, 10_000));
        assertThat(schedule.nextDueMs()).isEmpty();
    }

    @Test
    void anAfterStepFollowsEachFiringOfItsTriggerStep() {
        Schedule schedule = new Schedule(List.of(EVERY, AFTER_EVERY));
        assertThat(schedule.due(2_000)).containsExactly(new Firing("every", 1, 2_000));
        schedule.stepFired("every", 2_100);
        assertThat(schedule.due(3_000)).isEmpty();
        assertThat(schedule.due(3_100)).containsExactly(new Firing("reinsert", 1, 3_100));
        schedule.stepFired("reinsert", 3_100);
        assertThat(schedule.due(6_000)).containsExactly(new Firing("every", 2, 6_000));
        schedule.stepFired("every", 6_000);
        assertThat(schedule.due(7_000)).containsExactly(new Firing("reinsert", 2, 7_000));
    }

    @Test
    void anAfterEventStepFiresOnceOnTheFirstMatchingEvent() {
        Schedule schedule = new Schedule(List.of(AFTER_EVENT));
        schedule.eventSeen("app.started", "A/2", 1_000);
        schedule.eventSeen("app.stopped", "A/3", 1_000);
        assertThat(schedule.nextDueMs()).isEmpty();
        schedule.eventSeen("app.started", "A/3", 2_000);
        schedule.eventSeen("app.started", "A/3", 3_000);
        assertThat(schedule.due(100_000)).containsExactly(new Firing("on-start", 1, 2_500));
    }

    @Test
    void triggeredAndTimedFiringsInterleaveInTimeOrder() {
        Schedule schedule = new Schedule(List.of(AT_5, AFTER_EVENT));
        schedule.eventSeen("app.started", "A/3", 4_000);
        assertThat(schedule.due(10_000)).containsExactly(new Firing("on-start", 1, 4_500), new Firing("at-5", 1, 5_000));
    }

    @Test
    void theDefaultDurationIsTheLastTimedStepPlusTheLongestEventuallyPlusOneSecond() {
        Expectation eventually = new Expectation("e", 1, new Window.Eventually(Anchor.START, 30_000),
                new Condition.WithinCount("www"));
        Expectation shorter = new Expectation("f", 2, new Window.Eventually(Anchor.step("every", 0), 5_000),
                new Condition.WithinCount("www"));
        // every fires last at 10 s, reinsert follows it by 1 s: 11 s + 30 s + 1 s.
        assertThat(Schedule.defaultDurationMs(List.of(AT_5, EVERY, AFTER_EVERY), List.of(eventually, shorter)))
                .isEqualTo(42_000);
        assertThat(Schedule.defaultDurationMs(List.of(), List.of())).isEqualTo(1_000);
    }

    @Test
    void anExplicitDurationWins() {
        Scenario scenario = new Scenario("s", "", java.nio.file.Path.of("/s.yml"), java.nio.file.Path.of("/r.yml"), 0,
                RackOptions.DEFAULTS, List.of(AT_5), List.of(), List.of(), Optional.of(9_000L));
        assertThat(Schedule.durationMs(scenario)).isEqualTo(9_000);
    }
}
