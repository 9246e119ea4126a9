package dev.vrack.scenario.report;

import static dev.vrack.scenario.report.RunBuilder.always;
import static dev.vrack.scenario.report.RunBuilder.eventually;
import static dev.vrack.scenario.report.RunBuilder.mono;
import static dev.vrack.scenario.report.RunBuilder.running;

import dev.vrack.scenario.Anchor;
import dev.vrack.scenario.Condition;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes sample reports from synthetic histories, to look at (and screenshot) without running a rack:
 * {@code failover.html} (a passing run: pull, kill, freeze, a raised count) and {@code race.html} (a broken
 * manager over-grants), each with its JUnit XML. Run with the output folder as argument, or through
 * {@code SampleReportTest} which writes them to {@code scenario-report/target/sample-reports/}.
 */
public final class SampleReport {

    private SampleReport() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "target/sample-reports"));
    }

    /** Writes both samples into {@code dir}. */
    static void write(Path dir) throws IOException {
        ScenarioReport failover = failover().report(40_000);
        HtmlReport.write(failover, dir.resolve("failover.html"));
        JUnitXmlReport.write(failover, dir.resolve("failover.xml"));
        ScenarioReport race = race().report(12_000);
        HtmlReport.write(race, dir.resolve("race.html"));
        JUnitXmlReport.write(race, dir.resolve("race.xml"));
    }

    /** www: 2 seats for A/1, A/2, B/1; db: 1 seat for A/3, B/2. */
    static RunBuilder failover() {
        return new RunBuilder().named("cartridge failover tour")
                .describedAs("Two seats of www for three cartridges, one seat of db for two: pull a www cartridge,"
                        + " put it back, kill the one that took its seat, freeze the db holder, raise www to 3 seats.")
                .seats(-3_000, "www", 2).seats(-3_000, "db", 1)
                .runs(-2_500, "A/1", "www").runs(-2_400, "A/2", "www").runs(-2_300, "A/3", "db")
                .fault(5_000, "pull", "pull-one", 1, "A/1").removed(5_010, "A/1")
                .reclaimed(5_012, "www", "A/1", "L-A/1--2500", "holder-gone")
                .runs(6_300, "B/1", "www")
                .fault(10_000, "insert", "put-back", 1, "A/1")
                .add(10_020, "A/1", "slot.inserted", "card", "A-1.card", "kind", "app")
                .fault(14_000, "kill", "kill-standby-taker", 1, "B/1").exited(14_020, "B/1")
                .reclaimed(14_022, "www", "B/1", "L-B/1-6300", "holder-gone")
                .runs(14_900, "A/1", "www")
                .fault(20_000, "freeze", "freeze-db", 1, "A/3")
                .add(33_000, "A/3", "app.suspended", "app", "db", "lease", "L-A/3--2300", "reason",
                        "lease ran out while frozen", "permittedUntilMono", mono(30_000))
                .reclaimed(32_000, "db", "A/3", "L-A/3--2300", "lease-expired")
                .runs(32_100, "B/2", "db")
                .fault(24_000, "nas-replace", "more-seats", 1)
                .seats(24_200, "www", 3)
                .expect("www back to 2 after the pull", eventually(Anchor.step("pull-one", 100), 5_000),
                        running("www", 2))
                .expect("www back to 2 after the kill", eventually(Anchor.step("kill-standby-taker", 100), 5_000),
                        running("www", 2))
                .expect("B/2 takes db over within 15 s of the freeze", eventually(Anchor.step("freeze-db", 0),
                        15_000), new Condition.SlotRunning("B/2", true))
                .expect("www never down to 0", always(Anchor.START, Anchor.END),
                        new Condition.Running("www", Condition.Comparison.AT_LEAST, 1));
    }

    /** A broken manager that skips its count check: 3 seats, 5 racers, two over. */
    static RunBuilder race() {
        RunBuilder run = new RunBuilder().named("20 cartridges racing for 3 seats (broken manager)")
                .describedAs("A test-only fault makes the manager skip its count check: the verdict must fail.")
                .seats(-1_000, "www", 3);
        for (int i = 1; i <= 5; i++) {
            run.runs(1_000 + i * 150L, "A/" + i, "www");
        }
        return run.fault(6_000, "pull", "pull-two", 1, "A/4", "A/5").removed(6_010, "A/4").removed(6_020, "A/5")
                .expect("never over the count", always(Anchor.START, Anchor.END),
                        new Condition.WithinCount("www"))
                .expect("3 running", eventually(Anchor.START, 5_000), running("www", 3));
    }
}
