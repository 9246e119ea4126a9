package dev.vrack.checker;

import static dev.vrack.checker.TestHistory.mono;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCheckerTest {

    /** Two seats, three cartridges: the hard pull of a running one hands its seat to the waiting one. */
    private static TestHistory failover() {
        return new TestHistory()
                .add(0, "A", "chassis.started", "chassisId", "CH-1", "slots", 4)
                .seats(10, "www", 2)
                .granted(100, "www", "A/1", "L1").started(150, "A/1", "www", "L1")
                .granted(200, "www", "A/2", "L2").started(250, "A/2", "www", "L2")
                .add(300, "A/0", "license.queued", "app", "www", "holder", "A/3", "position", 1)
                .removed(1_000, "A/1", "hard")
                .reclaimed(1_005, "www", "A/1", "L1", "holder-gone")
                .add(1_006, "A/0", "license.granted", "app", "www", "holder", "A/3", "lease", "L3", "ttlMs", 10_000,
                        "queued", true)
                .started(1_050, "A/3", "www", "L3")
                .add(5_000, "A/0", "license.renewed", "app", "www", "holder", "A/2", "lease", "L2");
    }

    @Test
    void aCleanFailoverIsValid() {
        Verdict verdict = failover().check();

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.pendingReclaims()).isEmpty();
        assertThat(verdict.apps()).singleElement().satisfies(app -> {
            assertThat(app.peakRunning()).isEqualTo(2);
            assertThat(app.countAtPeak()).isEqualTo(2);
            assertThat(app.runningAtEnd()).isEqualTo(2);
            assertThat(app.seatsHeldAtEnd()).isEqualTo(2);
        });
    }

    @Test
    void aGracefulPullThatReleasesItsSeatIsValid() {
        TestHistory history = new TestHistory().seats(0, "www", 1)
                .granted(10, "www", "A/1", "L1").started(20, "A/1", "www", "L1")
                .stopped(1_000, "A/1", "www").reclaimed(1_001, "www", "A/1", "L1", "released")
                .removed(1_010, "A/1", "graceful")
                .granted(1_002, "www", "A/2", "L2").started(1_003, "A/2", "www", "L2");

        assertThat(history.check().valid()).isTrue();
    }

    @Test
    void threeRunningWithACountOfTwoIsAnOverGrantWithTheExactInterval() {
        TestHistory history = new TestHistory().seats(0, "www", 2).as("count")
                .started(100, "A/1", "www", "L1").as("first")
                .started(200, "A/2", "www", "L2").as("second")
                .started(300, "B/1", "www", "L3").as("third")
                .add(350, "A/0", "license.renewed", "app", "www", "holder", "A/1", "lease", "L1")
                .stopped(500, "A/1", "www").as("stop");

        Verdict verdict = history.check();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.OVER_GRANT);
            assertThat(v.app()).isEqualTo("www");
            assertThat(v.from().mono()).isEqualTo(mono(300));
            assertThat(v.to().mono()).isEqualTo(mono(500));
            assertThat(v.from().time()).isEqualTo(TestHistory.WALL_ORIGIN.plusMillis(300));
            assertThat(v.to().time()).isEqualTo(TestHistory.WALL_ORIGIN.plusMillis(500));
            assertThat(v.events()).containsExactly(history.event("count"), history.event("first"),
                    history.event("second"), history.event("third"), history.event("stop"));
            assertThat(v.message()).contains("3 instances of www", "license count of 2");
        });
        assertThat(verdict.apps().get(0).peakRunning()).isEqualTo(3);
    }

    @Test
    void anOverGrantStillOpenAtTheEndLastsUntilTheLastEvent() {
        Verdict verdict = new TestHistory().seats(0, "www", 1)
                .started(100, "A/1", "www", "L1").started(200, "A/2", "www", "L2")
                .add(900, "A", "link.changed", "link", "up").check();

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.from().mono()).isEqualTo(mono(200));
            assertThat(v.to().mono()).isEqualTo(mono(900));
            assertThat(v.message()).contains("last event");
        });
    }

    @Test
    void anInstanceStartedBeforeAnyCountIsAnOverGrant() {
        Verdict verdict = new TestHistory().started(100, "A/1", "www", "L1").seats(200, "www", 1).check();

        assertThat(verdict.violationsOf(Invariant.OVER_GRANT)).singleElement().satisfies(v -> {
            assertThat(v.from().mono()).isEqualTo(mono(100));
            assertThat(v.to().mono()).isEqualTo(mono(200));
        });
    }

    @Test
    void aKilledCartridgesInstanceEndsAtTheChassisCartridgeExited() {
        TestHistory base = new TestHistory().seats(0, "www", 1)
                .granted(10, "www", "A/1", "L1").started(20, "A/1", "www", "L1")
                .exited(400, "A/1").as("exited")
                .reclaimed(401, "www", "A/1", "L1", "holder-gone")
                .granted(402, "www", "A/2", "L2");
        Verdict afterExit = copy(base).started(450, "A/2", "www", "L2").check();
        Verdict beforeExit = copy(base).started(350, "A/2", "www", "L2").as("early").check();

        assertThat(afterExit.valid()).isTrue();
        assertThat(beforeExit.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.OVER_GRANT);
            assertThat(v.from().mono()).isEqualTo(mono(350));
            assertThat(v.to().mono()).isEqualTo(mono(400));
            assertThat(v.events()).contains(base.event("exited"));
        });
    }

    @Test
    void aPowerCutAndARestartEndTheEarlierInstance() {
        Verdict powerCut = new TestHistory().seats(0, "www", 1)
                .started(10, "A/1", "www", "L1")
                .add(100, "A/1", "slot.powered", "on", false, "pid", 1)
                .started(200, "A/2", "www", "L2").check();
        Verdict restart = new TestHistory().seats(0, "www", 1)
                .started(10, "A/1", "www", "L1").started(100, "A/1", "www", "L2").check();

        assertThat(powerCut.valid()).isTrue();
        assertThat(restart.valid()).isTrue();
        assertThat(restart.apps().get(0).peakRunning()).isEqualTo(1);
    }

    @Test
    void aLoweredCountWithRunningSeatsIsNotAViolationButANewStartAboveItIs() {
        TestHistory lowered = new TestHistory().seats(0, "www", 2)
                .started(100, "A/1", "www", "L1").started(200, "A/2", "www", "L2")
                .seats(300, "www", 1).as("lowered");
        assertThat(copy(lowered).add(350, "A", "link.changed", "link", "up").check().valid()).isTrue();

        TestHistory startAbove = copy(lowered).started(400, "A/3", "www", "L3").as("over")
                .stopped(500, "A/3", "www").as("overEnds")
                .add(800, "A", "link.changed", "link", "up");
        assertThat(startAbove.check().violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.OVER_GRANT);
            assertThat(v.from().mono()).isEqualTo(mono(400));
            assertThat(v.to().mono()).isEqualTo(mono(500));
            assertThat(v.message()).contains("3 instances", "license count of 1");
        });

        TestHistory oneFreedThenStart = copy(lowered).stopped(400, "A/1", "www")
                .started(500, "A/3", "www", "L3").stopped(600, "A/2", "www").as("settles");
        assertThat(oneFreedThenStart.check().violations()).singleElement().satisfies(v -> {
            assertThat(v.from().mono()).isEqualTo(mono(500));
            assertThat(v.to().mono()).isEqualTo(mono(600));
        });

        TestHistory bothFreedThenStart = copy(lowered).stopped(400, "A/1", "www").stopped(450, "A/2", "www")
                .started(500, "A/3", "www", "L3");
        assertThat(bothFreedThenStart.check().valid()).isTrue();
    }

    @Test
    void anInstanceBackWithinTheCountIsAdmittedAndALaterLowerCountDoesNotRevokeIt() {
        Verdict verdict = new TestHistory().seats(0, "www", 2)
                .started(100, "A/1", "www", "L1").started(200, "A/2", "www", "L2")
                .started(300, "A/3", "www", "L3")
                .stopped(400, "A/1", "www")
                .seats(500, "www", 1)
                .add(600, "A", "link.changed", "link", "up").check();

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.from().mono()).isEqualTo(mono(300));
            assertThat(v.to().mono()).isEqualTo(mono(400));
        });
    }

    @Test
    void aRaisedCountClosesAnOverGrant() {
        Verdict verdict = new TestHistory().seats(0, "www", 1)
                .started(100, "A/1", "www", "L1").started(200, "A/2", "www", "L2")
                .seats(300, "www", 2).check();

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.from().mono()).isEqualTo(mono(200));
            assertThat(v.to().mono()).isEqualTo(mono(300));
        });
    }

    @Test
    void applicationsAreCountedApart() {
        Verdict verdict = new TestHistory().seats(0, "www", 1).seats(0, "db", 1)
                .started(100, "A/1", "www", "L1").started(200, "A/2", "db", "L2").check();

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.apps()).extracting(AppSummary::app).containsExactly("db", "www");
    }

    @Test
    void aLeakedSeatIsCaughtAndAPendingReclaimIsNot() {
        long grace = TestHistory.TTL_MS + CheckerOptions.DEFAULT_MARGIN_MS;
        TestHistory base = new TestHistory().seats(0, "www", 1)
                .granted(10, "www", "A/1", "L1").started(20, "A/1", "www", "L1")
                .stopped(1_000, "A/1", "www").as("stop");

        Verdict leaked = copy(base).add(1_000 + grace + 1, "A", "link.changed", "link", "up").as("last").check();
        assertThat(leaked.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.LEAKED_SEAT);
            assertThat(v.app()).isEqualTo("www");
            assertThat(v.from().mono()).isEqualTo(mono(1_000));
            assertThat(v.to().mono()).isEqualTo(mono(1_000 + grace + 1));
            assertThat(v.message()).contains("L1", "A/1");
            assertThat(v.events()).contains(base.event("stop"));
        });

        Verdict pending = copy(base).add(1_000 + grace - 1, "A", "link.changed", "link", "up").check();
        assertThat(pending.valid()).isTrue();
        assertThat(pending.pendingReclaims()).singleElement().satisfies(p -> {
            assertThat(p.lease()).isEqualTo("L1");
            assertThat(p.holder()).isEqualTo("A/1");
            assertThat(p.graceMs()).isEqualTo(grace);
            assertThat(p.remainingMs()).isEqualTo(1);
        });

        Verdict reclaimed = copy(base).reclaimed(1_001, "www", "A/1", "L1", "released")
                .add(1_000 + grace + 1, "A", "link.changed", "link", "up").check();
        assertThat(reclaimed.valid()).isTrue();
        assertThat(reclaimed.pendingReclaims()).isEmpty();
    }

    @Test
    void aSeatGrantedToAHolderThatNeverStartsLeaksFromTheGrant() {
        Verdict verdict = new TestHistory().seats(0, "www", 1).granted(10, "www", "A/1", "L1")
                .add(20_000, "A", "link.changed", "link", "up").check();

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.LEAKED_SEAT);
            assertThat(v.from().mono()).isEqualTo(mono(10));
            assertThat(v.message()).contains("never started");
        });
    }

    @Test
    void aSecondSeatForTheSameRunningHolderIsALeak() {
        Verdict verdict = new TestHistory().seats(0, "www", 2)
                .granted(10, "www", "A/1", "L1").granted(20, "www", "A/1", "L2").started(30, "A/1", "www", "L2")
                .add(20_000, "A", "link.changed", "link", "up").check();

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Invariant.LEAKED_SEAT);
            assertThat(v.message()).contains("L1", "newer seat");
        });
    }

    @Test
    void seatsDieWithTheManagersProcess() {
        Verdict verdict = new TestHistory().seats(0, "www", 1)
                .granted(10, "www", "A/1", "L1").started(20, "A/1", "www", "L1")
                .exited(500, "A/0").exited(600, "A/1")
                .add(30_000, "A", "link.changed", "link", "up").check();

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.pendingReclaims()).isEmpty();
    }

    @Test
    void aStoppedChassisEndsItsInstancesAndItsManagersSeats() {
        Verdict verdict = new TestHistory().seats(0, "www", 1)
                .granted(10, "www", "A/1", "L1").started(20, "A/1", "www", "L1")
                .add(500, "A", "chassis.stopped", "chassisId", "CH-1", "slots", 4)
                .seats(600, "www", 1).started(700, "A/2", "www", "L9")
                .add(30_000, "rack", "rack.down").check();

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.apps().get(0).runningAtEnd()).isEqualTo(1);
    }

    @Test
    void aSuspensionWithoutAReasonIsCaught() {
        TestHistory history = new TestHistory().seats(0, "www", 1)
                .started(10, "A/1", "www", "L1").suspended(100, "A/1", "www", null).as("missing")
                .started(200, "A/1", "www", "L1").suspended(300, "A/1", "www", "  ").as("blank")
                .started(400, "A/1", "www", "L1").suspended(500, "A/1", "www", "lease expired before renewal");

        Verdict verdict = history.check();

        assertThat(verdict.violations()).extracting(Violation::invariant)
                .containsExactly(Invariant.UNEXPLAINED_SUSPENSION, Invariant.UNEXPLAINED_SUSPENSION);
        assertThat(verdict.violations()).extracting(Violation::events)
                .containsExactly(List.of(history.event("missing")), List.of(history.event("blank")));
        assertThat(verdict.violations().get(0).message()).contains("A/1", "reason");
        assertThat(verdict.violations().get(0).from().mono()).isEqualTo(mono(100));
    }

    @Test
    void malformedEventsAreProblemsOfTheHistoryNotExceptions() {
        TestHistory history = new TestHistory().seats(0, "www", 1)
                .add(10, "A/1", "app.started", "lease", "L1").as("noApp")
                .add(20, "A/0", "license.seats", "app", "www", "count", "two").as("badCount")
                .add(30, "A/0", "license.granted", "app", "www", "holder", "nobody", "lease", "L1", "ttlMs", 10)
                .as("badHolder")
                .add(40, "A/0", "license.granted", "app", "www", "holder", "A/1", "lease", "L1").as("noTtl")
                .add(50, "A", "app.started", "app", "www").as("badSource")
                .add(60, "A/1", "slot.powered", "pid", 3).as("noOn")
                .add(70, "A/0", "license.seats", "app", "www", "count", -1).as("negative")
                .add(80, null, "app.stopped", "app", "www").as("noSource")
                .add(90, "A/0", "license.reclaimed", "app", "www").as("noLease")
                .add(100, "A/1", null).as("noType");

        Verdict verdict = history.check();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.violations()).allSatisfy(v -> assertThat(v.invariant()).isEqualTo(Invariant.MALFORMED_EVENT));
        assertThat(verdict.violations()).extracting(v -> v.events().get(0)).containsExactly(
                history.event("noApp"), history.event("badCount"), history.event("badHolder"), history.event("noTtl"),
                history.event("badSource"), history.event("noOn"), history.event("negative"),
                history.event("noSource"), history.event("noLease"), history.event("noType"));
        assertThat(verdict.violations().get(0).message()).contains("app.started from A/1", "\"app\"", "missing");
        assertThat(verdict.violations().get(1).message()).contains("\"count\"", "whole number", "\"two\"");
        assertThat(verdict.violations().get(2).message()).contains("CHASSIS/SLOT", "nobody");
        assertThat(verdict.violations().get(3).message()).contains("\"ttlMs\"");
        assertThat(verdict.violations().get(4).message()).contains("source must be a slot");
    }

    @Test
    void unsortedInputIsSortedFirst() {
        List<Event> events = new ArrayList<>(failover().events());
        Collections.reverse(events);

        assertThat(new HistoryChecker().check(events).valid()).isTrue();
    }

    @Test
    void anEmptyHistoryIsVacuouslyValid() {
        Verdict verdict = new HistoryChecker().check(List.of());

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.eventCount()).isZero();
    }

    @Test
    void theMarginWidensTheGrace() {
        TestHistory history = new TestHistory().seats(0, "www", 1)
                .granted(10, "www", "A/1", "L1").started(20, "A/1", "www", "L1").stopped(1_000, "A/1", "www")
                .add(1_000 + 10_000 + 5_000, "A", "link.changed", "link", "up");

        assertThat(new HistoryChecker(new CheckerOptions(3_000)).check(history.events()).valid()).isFalse();
        assertThat(new HistoryChecker(new CheckerOptions(6_000)).check(history.events()).valid()).isTrue();
    }

    @Test
    void violationsAreSortedByTime() {
        Verdict verdict = new TestHistory().seats(0, "www", 1)
                .granted(5, "www", "A/9", "L9")
                .started(100, "A/1", "www", "L1").started(200, "A/2", "www", "L2")
                .suspended(300, "A/1", "www", null)
                .add(40_000, "A", "link.changed", "link", "up").check();

        assertThat(verdict.violations()).extracting(Violation::invariant).containsExactly(
                Invariant.LEAKED_SEAT, Invariant.OVER_GRANT, Invariant.UNEXPLAINED_SUSPENSION);
        assertThat(verdict.violations()).extracting(v -> v.from().mono()).isSorted();
    }

    private static TestHistory copy(TestHistory history) {
        TestHistory copy = new TestHistory();
        for (Event e : history.events()) {
            copy.events().add(e);
        }
        return copy;
    }
}
