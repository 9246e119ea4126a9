package dev.vrack.scenario.report;

import static dev.vrack.scenario.report.Html.esc;

import dev.vrack.checker.AppTimeline;
import dev.vrack.checker.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A scenario report as one self-contained HTML file (inline CSS and SVG; no script, nothing fetched), for a
 * person: the verdict on top, the scenario and where it ran, a timeline per application, the failover table, the
 * expectations, the invariants and the faults. Every text from events and the scenario file is escaped.
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1000px;\
            color:#1a202c;padding:0 1rem}
            h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #e2e8f0;padding-bottom:.3rem}
            .verdict{display:inline-block;font-weight:700;font-size:1.4rem;padding:.3rem .9rem;border-radius:.4rem;\
            color:#fff}
            .PASS{background:#2f855a}.FAIL{background:#c53030}.INCOMPLETE{background:#b7791f}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}
            th,td{border:1px solid #e2e8f0;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
            th{background:#f7fafc}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .pass{color:#2f855a;font-weight:600}.fail{color:#c53030;font-weight:600}
            .meta td:first-child{width:12rem;color:#4a5568}
            .desc{color:#4a5568;max-width:60rem}
            svg.timeline{width:100%;height:auto;background:#fff;border:1px solid #e2e8f0;border-radius:.3rem}
            svg .grid{stroke:#edf2f7}svg .axis{stroke:#4a5568}
            svg text{font-size:11px;fill:#2d3748}svg .label{font-size:12px}
            svg .running{fill:#4299e1;fill-opacity:.35;stroke:#2b6cb0;stroke-width:1.5}
            svg .count{fill:none;stroke:#dd6b20;stroke-width:2.5;stroke-dasharray:7 4}
            svg .fault line,svg .faultline{stroke:#553c9a;stroke-width:1.2;stroke-dasharray:3 3}
            svg .fault text{fill:#553c9a;font-size:10px}
            svg .overgrant{fill:#e53e3e;fill-opacity:.25}
            """;

    private HtmlReport() {
    }

    /** Writes the report to {@code file} (UTF-8), creating its folder. */
    public static void write(ScenarioReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    /** The whole HTML document. */
    public static String render(ScenarioReport report) {
        StringBuilder html = new StringBuilder(16_384);
        ScenarioRun run = report.run();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(report.outcome() + ": " + run.scenario().name()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(html, report);
        timelines(html, report);
        failover(html, report);
        expectations(html, report);
        invariants(html, report);
        faults(html, report);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, ScenarioReport report) {
        ScenarioRun run = report.run();
        Outcome outcome = report.outcome();
        html.append("<header>\n<span class=\"verdict ").append(outcome.name()).append("\">").append(outcome.name())
                .append("</span>\n<h1>").append(esc(run.scenario().name())).append("</h1>\n");
        if (!run.scenario().description().isBlank()) {
            html.append("<p class=\"desc\">").append(esc(run.scenario().description())).append("</p>\n");
        }
        long passedExpectations = report.expectations().stream().filter(ExpectationResult::passed).count();
        long passedInvariants = report.invariants().stream().filter(InvariantResult::passed).count();
        html.append("<p>").append(passedExpectations).append(" of ").append(report.expectations().size())
                .append(" expectation results held; ").append(passedInvariants).append(" of ")
                .append(report.invariants().size()).append(" invariants held; ").append(report.failover().rows().size())
                .append(" seats lost to faults.</p>\n");
        html.append("<table class=\"meta\">\n");
        row(html, "seed", Long.toString(run.seed()));
        row(html, "completed", run.complete() ? "yes"
                : "no: " + run.incompleteReason().orElse("no reason given"));
        row(html, "duration", RunClock.duration(run.endMono() - run.startMono()));
        row(html, "scenario file", String.valueOf(run.scenario().file()));
        row(html, "rack file", String.valueOf(run.scenario().rackFile()));
        for (Map.Entry<String, String> version : run.versions().entrySet()) {
            row(html, version.getKey(), version.getValue());
        }
        row(html, "machine", run.machine());
        row(html, "events", Integer.toString(run.history().size()));
        html.append("</table>\n</header>\n");
    }

    private static void timelines(StringBuilder html, ScenarioReport report) {
        html.append("<section id=\"timelines\">\n<h2>Timelines</h2>\n");
        if (report.verdict().timelines().isEmpty()) {
            html.append("<p>No application ran or was licensed in this run.</p>\n");
        }
        for (AppTimeline timeline : report.verdict().timelines()) {
            html.append("<h3>").append(esc(timeline.app())).append("</h3>\n")
                    .append(new TimelineSvg(report, timeline).render());
        }
        html.append("</section>\n");
    }

    private static void failover(StringBuilder html, ScenarioReport report) {
        RunClock clock = report.clock();
        html.append("<section id=\"failover\">\n<h2>Failover</h2>\n");
        if (report.failover().rows().isEmpty()) {
            html.append("<p>No fault ended a running instance.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>fault at</th><th>fault</th><th>step</th><th>application</th>"
                + "<th>lost by</th><th>taken over by</th><th>time to recover</th></tr>\n");
        for (FailoverRow row : report.failover().rows()) {
            html.append("<tr><td class=\"num\">").append(esc(clock.at(row.faultMono()))).append("</td><td>")
                    .append(esc(row.fault())).append("</td><td>").append(esc(row.step() + " #" + row.firing()))
                    .append("</td><td>").append(esc(row.app())).append("</td><td>").append(esc(row.lostSlot()))
                    .append("</td><td>").append(row.nextSlot() == null ? "&mdash;" : esc(row.nextSlot()))
                    .append("</td><td class=\"num").append(row.recovered() ? "" : " fail").append("\">")
                    .append(esc(row.recoveryText())).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void expectations(StringBuilder html, ScenarioReport report) {
        html.append("<section id=\"expectations\">\n<h2>Expectations</h2>\n");
        if (report.expectations().isEmpty()) {
            html.append("<p>The scenario has no expectations.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>result</th><th>expectation</th><th>line</th><th>what happened</th></tr>\n");
        for (ExpectationResult result : report.expectations()) {
            html.append("<tr><td>").append(passFail(result.passed())).append("</td><td>").append(esc(result.name()))
                    .append("</td><td class=\"num\">").append(result.expectation().line()).append("</td><td>")
                    .append(esc(result.message())).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void invariants(StringBuilder html, ScenarioReport report) {
        html.append("<section id=\"invariants\">\n<h2>Invariants</h2>\n");
        if (report.invariants().isEmpty()) {
            html.append("<p>The scenario enforces no invariant.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>result</th><th>invariant</th><th>what it forbids</th><th>violations</th></tr>\n");
        for (InvariantResult result : report.invariants()) {
            html.append("<tr><td>").append(passFail(result.passed())).append("</td><td>").append(esc(result.id()))
                    .append("</td><td>").append(esc(result.meaning())).append("</td><td>");
            if (result.violations().isEmpty()) {
                html.append(esc(result.message()));
            } else {
                html.append("<ul>");
                for (Violation violation : result.violations()) {
                    html.append("<li>").append(esc(ScenarioReport.describe(violation, report.clock()))).append("</li>");
                }
                html.append("</ul>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void faults(StringBuilder html, ScenarioReport report) {
        RunClock clock = report.clock();
        html.append("<section id=\"faults\">\n<h2>Faults</h2>\n");
        if (report.faults().isEmpty()) {
            html.append("<p>No fault fired.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>at</th><th>step</th><th>fault</th><th>targets</th><th>parameters</th></tr>\n");
        for (FaultFiring firing : report.faults()) {
            html.append("<tr><td class=\"num\">").append(esc(clock.at(firing.mono()))).append("</td><td>")
                    .append(esc(firing.label())).append("</td><td>").append(esc(firing.fault())).append("</td><td>")
                    .append(firing.targets().isEmpty() ? "none" + (firing.skipped() == null ? ""
                            : ": " + esc(firing.skipped())) : esc(String.join(", ", firing.targets())))
                    .append("</td><td>").append(esc(firing.params().isEmpty() ? "" : firing.params().toString()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String passFail(boolean passed) {
        return passed ? "<span class=\"pass\">pass</span>" : "<span class=\"fail\">FAIL</span>";
    }
}
