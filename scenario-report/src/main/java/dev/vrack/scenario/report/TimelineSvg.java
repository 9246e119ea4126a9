package dev.vrack.scenario.report;

import dev.vrack.checker.AppTimeline;
import dev.vrack.checker.Invariant;
import dev.vrack.checker.TimelinePoint;
import dev.vrack.checker.Violation;
import java.util.List;
import java.util.Locale;

/**
 * One application's timeline as inline SVG: x is seconds since the scenario's start; running instances are a
 * filled step area, the license count a dashed step line, each fault firing a labelled vertical marker, and each
 * over-grant interval of the application is shaded red. A legend under the plot says which is which.
 */
final class TimelineSvg {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 300;
    private static final int LEFT = 48;
    private static final int RIGHT = 24;
    private static final int TOP = 44;
    private static final int BOTTOM = 64;

    private final ScenarioReport report;
    private final AppTimeline timeline;
    private final long start;
    private final long end;
    private final int yMax;

    TimelineSvg(ScenarioReport report, AppTimeline timeline) {
        this.report = report;
        this.timeline = timeline;
        this.start = report.run().startMono();
        this.end = Math.max(report.run().endMono(), start + 1_000_000L);
        int max = 1;
        for (TimelinePoint point : timeline.points()) {
            max = Math.max(max, Math.max(point.running(), (int) Math.min(1_000, point.count())));
        }
        this.yMax = max + 1;
    }

    String render() {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"timeline of ")
                .append(Html.esc(timeline.app())).append("\">\n");
        svg.append("<title>").append(Html.esc(timeline.app()))
                .append(": running instances and license count over time</title>\n");
        overGrants(svg);
        axes(svg);
        running(svg);
        count(svg);
        faults(svg);
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void overGrants(StringBuilder svg) {
        for (Violation violation : report.verdict().violationsOf(Invariant.OVER_GRANT)) {
            if (!timeline.app().equals(violation.app())) {
                continue;
            }
            double x1 = x(Math.max(start, violation.from().mono()));
            double x2 = x(Math.min(end, Math.max(violation.to().mono(), violation.from().mono())));
            if (violation.to().mono() < start || violation.from().mono() > end) {
                continue;
            }
            svg.append("<rect class=\"overgrant\" x=\"").append(f(x1)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(f(Math.max(2, x2 - x1))).append("\" height=\"")
                    .append(plotHeight()).append("\"><title>over-grant ")
                    .append(Html.esc(ScenarioReport.describe(violation, report.clock()))).append("</title></rect>\n");
        }
    }

    private void axes(StringBuilder svg) {
        int bottom = TOP + plotHeight();
        int yStep = Math.max(1, (int) Math.ceil(yMax / 6.0));
        for (int v = 0; v <= yMax; v += yStep) {
            double y = y(v);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(v).append("</text>\n");
        }
        double seconds = (end - start) / 1e9;
        double xStep = niceStep(seconds / 10);
        for (double s = 0; s <= seconds + 1e-9; s += xStep) {
            double x = LEFT + s / seconds * plotWidth();
            svg.append("<line class=\"axis\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(bottom).append("\" y2=\"").append(bottom + 4).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\">").append(RunClock.trimmed(s)).append("</text>\n");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(bottom).append("\" y2=\"").append(bottom).append("\"/>\n");
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"")
                .append(TOP).append("\" y2=\"").append(bottom).append("\"/>\n");
        svg.append("<text class=\"label\" x=\"").append(LEFT + plotWidth() / 2).append("\" y=\"").append(bottom + 32)
                .append("\" text-anchor=\"middle\">seconds since the start</text>\n");
    }

    private void running(StringBuilder svg) {
        StringBuilder path = new StringBuilder();
        path.append('M').append(f(x(start))).append(',').append(f(y(0)));
        steps(path, true);
        path.append('L').append(f(x(end))).append(',').append(f(y(0))).append('Z');
        svg.append("<path class=\"running\" d=\"").append(path).append("\"/>\n");
    }

    private void count(StringBuilder svg) {
        StringBuilder path = new StringBuilder();
        path.append('M').append(f(x(start))).append(',').append(f(y(timeline.countAt(start))));
        steps(path, false);
        svg.append("<path class=\"count\" d=\"").append(path).append("\"/>\n");
    }

    /** Appends the step function (running or count) from the start to the end as line segments. */
    private void steps(StringBuilder path, boolean running) {
        long value = running ? timeline.runningAt(start) : timeline.countAt(start);
        if (running) {
            path.append('L').append(f(x(start))).append(',').append(f(y(value)));
        }
        for (TimelinePoint point : timeline.points()) {
            if (point.mono() <= start || point.mono() > end) {
                continue;
            }
            long next = running ? point.running() : point.count();
            if (next != value) {
                double x = x(point.mono());
                path.append('L').append(f(x)).append(',').append(f(y(value)))
                        .append('L').append(f(x)).append(',').append(f(y(next)));
                value = next;
            }
        }
        path.append('L').append(f(x(end))).append(',').append(f(y(value)));
    }

    private void faults(StringBuilder svg) {
        List<FaultFiring> faults = report.faults();
        int row = 0;
        for (FaultFiring firing : faults) {
            if (firing.mono() < start || firing.mono() > end) {
                continue;
            }
            double x = x(firing.mono());
            int labelY = TOP - 8 - 14 * (row++ % 2);
            String title = firing.label() + ": " + firing.fault() + " " + String.join(", ", firing.targets())
                    + " at " + report.clock().at(firing.mono())
                    + (firing.skipped() == null ? "" : " (skipped: " + firing.skipped() + ")");
            svg.append("<g class=\"fault\"><title>").append(Html.esc(title)).append("</title>")
                    .append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(labelY + 2).append("\" y2=\"").append(TOP + plotHeight()).append("\"/>")
                    .append("<text x=\"").append(f(x + 3)).append("\" y=\"").append(labelY).append("\">")
                    .append(Html.esc(firing.fault() + " " + String.join(",", firing.targets()))).append("</text></g>\n");
        }
    }

    private void legend(StringBuilder svg) {
        int y = HEIGHT - 12;
        int x = LEFT;
        svg.append("<g class=\"legend\">");
        svg.append("<rect class=\"running\" x=\"").append(x).append("\" y=\"").append(y - 9)
                .append("\" width=\"14\" height=\"10\"/><text x=\"").append(x + 20).append("\" y=\"").append(y)
                .append("\">running instances</text>");
        x += 160;
        svg.append("<line class=\"count\" x1=\"").append(x).append("\" x2=\"").append(x + 22).append("\" y1=\"")
                .append(y - 4).append("\" y2=\"").append(y - 4).append("\"/><text x=\"").append(x + 28)
                .append("\" y=\"").append(y).append("\">license count in force</text>");
        x += 200;
        svg.append("<line class=\"faultline\" x1=\"").append(x + 7).append("\" x2=\"").append(x + 7)
                .append("\" y1=\"").append(y - 11).append("\" y2=\"").append(y + 1).append("\"/><text x=\"")
                .append(x + 20).append("\" y=\"").append(y).append("\">fault injected</text>");
        x += 140;
        svg.append("<rect class=\"overgrant\" x=\"").append(x).append("\" y=\"").append(y - 9)
                .append("\" width=\"14\" height=\"10\"/><text x=\"").append(x + 20).append("\" y=\"").append(y)
                .append("\">over-grant</text>");
        svg.append("</g>\n");
    }

    private double x(long mono) {
        double fraction = (double) (Math.min(Math.max(mono, start), end) - start) / (end - start);
        return LEFT + fraction * plotWidth();
    }

    private double y(long value) {
        return TOP + plotHeight() - (double) Math.min(value, yMax) / yMax * plotHeight();
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
