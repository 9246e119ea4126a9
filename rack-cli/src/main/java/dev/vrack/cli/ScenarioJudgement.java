package dev.vrack.cli;

import dev.vrack.common.Event;
import dev.vrack.scenario.Scenario;
import dev.vrack.scenario.report.ExpectationResult;
import dev.vrack.scenario.report.HtmlReport;
import dev.vrack.scenario.report.InvariantResult;
import dev.vrack.scenario.report.JUnitXmlReport;
import dev.vrack.scenario.report.Outcome;
import dev.vrack.scenario.report.ScenarioReport;
import dev.vrack.scenario.report.ScenarioRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The end of a scenario run: judge the history, write the JUnit XML and HTML reports, print the verdict. */
final class ScenarioJudgement {

    private ScenarioJudgement() {
    }

    /**
     * @param startMono the scenario's time zero, or -1 when the rack never came up (the run is then incomplete)
     * @param incomplete why the run did not complete, or null when it did
     * @return the outcome
     */
    static Outcome judge(Scenario scenario, List<Event> history, long startMono, long endMono, String incomplete,
                         Path reportDir, PrintWriter out) {
        long start = startMono >= 0 ? startMono : history.stream().mapToLong(Event::mono).min().orElse(0);
        long end = Math.max(start, endMono >= 0 ? endMono
                : history.stream().mapToLong(Event::mono).max().orElse(start));
        ScenarioRun run = new ScenarioRun(scenario, history, start, end, incomplete == null,
                Optional.ofNullable(incomplete), scenario.seed(), MachineInfo.versions(), MachineInfo.describe());
        ScenarioReport report = ScenarioReport.judge(run);
        print(report, out);
        Path xml = reportDir.resolve("junit.xml");
        Path html = reportDir.resolve("report.html");
        try {
            JUnitXmlReport.write(report, xml);
            HtmlReport.write(report, html);
            out.println("reports: " + html + "\n         " + xml);
        } catch (IOException e) {
            out.println("could not write the reports in " + reportDir + ": " + e.getMessage());
            return Outcome.FAIL;
        }
        return report.outcome();
    }

    private static void print(ScenarioReport report, PrintWriter out) {
        for (ExpectationResult result : report.expectations()) {
            out.println((result.passed() ? "  ok    " : "  FAIL  ") + result.name() + ": " + result.message());
        }
        for (InvariantResult invariant : report.invariants()) {
            out.println((invariant.passed() ? "  ok    " : "  FAIL  ") + "invariant " + invariant.id()
                    + (invariant.passed() ? "" : ": " + invariant.message()));
        }
        report.failover().rows().forEach(row -> out.println("  failover: " + row.fault() + " (" + row.step() + " #"
                + row.firing() + ") " + row.app() + " lost in " + row.lostSlot() + ", next in "
                + (row.nextSlot() == null ? "-" : row.nextSlot()) + ": " + row.recoveryText()));
        out.println("scenario " + report.run().scenario().name() + ": " + report.outcome()
                + report.run().incompleteReason().map(r -> " (" + r + ")").orElse(""));
    }
}
