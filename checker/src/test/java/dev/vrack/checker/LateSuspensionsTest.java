package dev.vrack.checker;

import static dev.vrack.checker.TestHistory.mono;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A holder frozen past its lease writes app.suspended on waking; its permittedUntilMono is what counts. */
class LateSuspensionsTest {

    /** One seat: A/1 frozen at 1 s, its lease ends at 10 s, the seat goes to A/2 at 12.5 s, A/1 wakes at 13 s. */
    private static TestHistory frozenHolder(Object permittedUntil) {
        TestHistory history = new TestHistory().seats(0, "www", 1)
                .granted(10, "www", "A/1", "L1").started(20, "A/1", "www", "L1")
                .reclaimed(12_500, "www", "A/1", "L1", "lease-expired")
                .granted(12_501, "www", "A/2", "L2").started(12_600, "A/2", "www", "L2");
        return permittedUntil == null
                ? history.add(13_000, "A/1", "app.suspended", "app", "www", "lease", "L1", "reason", "lease ran out")
                : history.add(13_000, "A/1", "app.suspended", "app", "www", "lease", "L1", "reason", "lease ran out",
                        "permittedUntilMono", permittedUntil);
    }

    @Test
    void aLateSuspensionEndsTheInstanceWhenPermissionEnded() {
        Verdict verdict = frozenHolder(mono(9_000)).check();
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.apps()).singleElement().satisfies(app -> assertThat(app.peakRunning()).isEqualTo(1));
    }

    @Test
    void withoutItTheCheckerCountsTheFrozenInstanceUntilItsEvent() {
        Verdict verdict = frozenHolder(null).check();
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.violations()).singleElement()
                .satisfies(v -> assertThat(v.invariant()).isEqualTo(Invariant.OVER_GRANT));
    }

    @Test
    void permissionThatEndedAfterTheSeatMovedIsStillAnOverGrant() {
        // The agent permitted its application until 12.7 s, after the other one started: a real over-grant.
        assertThat(frozenHolder(mono(12_700)).check().valid()).isFalse();
    }

    @Test
    void aValueInTheFutureOrNotANumberChangesNothing() {
        assertThat(frozenHolder(mono(14_000)).check().valid()).isFalse();
        assertThat(frozenHolder("soon").check().valid()).isFalse();
    }
}
