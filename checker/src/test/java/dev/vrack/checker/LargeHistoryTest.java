package dev.vrack.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A long run checks correctly; its time is printed, never asserted (the machine is shared). */
class LargeHistoryTest {

    /**
     * 20 applications with 3 seats each, 10 slots per application cycling through seats: every slot starts,
     * renews, stops and releases, so at most 3 run per application at once. Over 100k events.
     */
    static TestHistory rotation(int rounds) {
        TestHistory history = new TestHistory();
        long ms = 0;
        for (int app = 0; app < 20; app++) {
            history.seats(ms++, "app" + app, 3);
        }
        int lease = 0;
        for (int round = 0; round < rounds; round++) {
            for (int app = 0; app < 20; app++) {
                String name = "app" + app;
                for (int k = 0; k < 3; k++) {
                    String slot = (char) ('A' + app % 4) + "/" + ((round * 3 + k) % 10 + 1) + "-" + app;
                    String id = "L" + lease++;
                    history.granted(ms++, name, slot, id).started(ms++, slot, name, id)
                            .add(ms++, "A/0", "license.renewed", "app", name, "holder", slot, "lease", id)
                            .add(ms++, slot, "agent.state", "app", name, "state", "running", "reason", "granted");
                }
                for (int k = 0; k < 3; k++) {
                    String slot = (char) ('A' + app % 4) + "/" + ((round * 3 + k) % 10 + 1) + "-" + app;
                    history.stopped(ms++, slot, name).reclaimed(ms++, name, slot, "L" + (lease - 3 + k), "released");
                }
            }
        }
        return history;
    }

    @Test
    void aHundredThousandEventsCheckCorrectly() {
        List<Event> events = rotation(300).events();
        assertThat(events.size()).isGreaterThan(100_000);
        HistoryChecker checker = new HistoryChecker();
        checker.check(events); // warm-up, so the printed time is the check's, not the JIT's

        long begin = System.nanoTime();
        Verdict verdict = checker.check(events);
        long tookMs = (System.nanoTime() - begin) / 1_000_000;
        System.out.println("checked " + events.size() + " events in " + tookMs + " ms");

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.apps()).hasSize(20).allSatisfy(app -> {
            assertThat(app.peakRunning()).isEqualTo(3);
            assertThat(app.runningAtEnd()).isZero();
            assertThat(app.seatsHeldAtEnd()).isZero();
        });
    }

    @Test
    void oneOverGrantInAHundredThousandEventsIsFound() {
        TestHistory history = rotation(300);
        long end = (history.events().get(history.events().size() - 1).mono() - TestHistory.MONO_ORIGIN) / 1_000_000;
        history.started(end + 1, "Z/1", "app7", "X").started(end + 2, "Z/2", "app7", "Y")
                .started(end + 3, "Z/3", "app7", "Z").started(end + 4, "Z/4", "app7", "W").stopped(end + 5, "Z/4", "app7");

        Verdict verdict = new HistoryChecker().check(history.events());

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.app()).isEqualTo("app7");
            assertThat(v.from().mono()).isEqualTo(TestHistory.mono(end + 4));
            assertThat(v.to().mono()).isEqualTo(TestHistory.mono(end + 5));
        });
    }
}
