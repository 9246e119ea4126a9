package dev.vrack.scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenario files write them ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}), and percentages. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(-?)([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3}(?:\\.[0-9]+)?)%");

    private Durations() {
    }

    /** Milliseconds of a duration of zero or more; a negative or malformed one is refused. */
    public static long parse(String text) {
        long ms = parseSigned(text);
        if (ms < 0) {
            throw new IllegalArgumentException("expected a duration of zero or more (like 5s), got \"" + text
                    + "\": times are never negative");
        }
        return ms;
    }

    /** Milliseconds of a duration that may be negative (a clock step backwards, {@code -2s}). */
    public static long parseSigned(String text) {
        Matcher m = text == null ? null : DURATION.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected a duration: a whole number and a unit, ms, s, m or h "
                    + "(like 500ms, 5s, 2m), got \"" + text + "\"");
        }
        long amount = Long.parseLong(m.group(2));
        long unit = switch (m.group(3)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        long ms = amount * unit;
        return m.group(1).isEmpty() ? ms : -ms;
    }

    /** A percentage from {@code "5%"} or {@code "2.5%"}; a plain number is taken as is. */
    public static double percent(String text) {
        Matcher m = PERCENT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a percentage like 5%, got \"" + text + "\"");
        }
        return Double.parseDouble(m.group(1));
    }

    /** The shortest exact form of a duration, for names and messages: 5000 gives "5s", 1500 gives "1500ms". */
    public static String format(long ms) {
        String sign = ms < 0 ? "-" : "";
        long abs = Math.abs(ms);
        if (abs != 0 && abs % 3_600_000 == 0) {
            return sign + abs / 3_600_000 + "h";
        }
        if (abs != 0 && abs % 60_000 == 0) {
            return sign + abs / 60_000 + "m";
        }
        if (abs % 1_000 == 0) {
            return sign + abs / 1_000 + "s";
        }
        return String.format(Locale.ROOT, "%s%dms", sign, abs);
    }
}
