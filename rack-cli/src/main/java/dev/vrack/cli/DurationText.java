package dev.vrack.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as people type them: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, signed ({@code +30s},
 * {@code -2h}) where a direction makes sense, in milliseconds. The picocli converter turns a bad one into a
 * usage error (exit 2) that shows the accepted forms.
 */
final class DurationText {

    private static final Pattern FORM = Pattern.compile("([+-]?)(\\d{1,12})(ms|s|m|h)");

    private DurationText() {
    }

    /** Parses {@code text} into milliseconds; a sign is refused unless {@code signed}. */
    static long parseMs(String text, boolean signed) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number and a unit: "
                    + (signed ? "+30s, -2h, 500ms, 1m" : "500ms, 2s, 1m, 1h"));
        }
        if (!signed && !m.group(1).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has a sign; a delay is a plain duration such as 200ms");
        }
        long amount = Long.parseLong(m.group(2));
        long unit = switch (m.group(3)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        long ms = Math.multiplyExact(amount, unit);
        return m.group(1).equals("-") ? -ms : ms;
    }

    /** {@code 200ms}, {@code 2s}: no sign. */
    static final class Unsigned implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseMs(value, false);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
