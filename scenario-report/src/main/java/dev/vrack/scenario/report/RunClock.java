package dev.vrack.scenario.report;

import java.util.Locale;

/** Shows monotonic instants as seconds since the scenario's start, and durations, the same way in every report. */
public record RunClock(long startMono) {

    /** Seconds since the start, as a number (for drawing). */
    public double seconds(long mono) {
        return (mono - startMono) / 1e9;
    }

    /** An instant, "7.412 s". */
    public String at(long mono) {
        return String.format(Locale.ROOT, "%.3f s", seconds(mono));
    }

    /** A duration: "350 ms" under a second, else "1.3 s" (no trailing zeros). */
    public static String duration(long nanos) {
        long ms = Math.round(nanos / 1e6);
        if (Math.abs(ms) < 1000) {
            return ms + " ms";
        }
        return trimmed(ms / 1000.0) + " s";
    }

    /** A number of seconds with up to three decimals and no trailing zeros: 1.3, 10, 0.25. */
    static String trimmed(double seconds) {
        String text = String.format(Locale.ROOT, "%.3f", seconds);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
