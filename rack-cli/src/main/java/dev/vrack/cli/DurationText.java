package dev.vrack.cli;

import dev.vrack.scenario.Durations;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Durations as people type them: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, signed ({@code +30s},
 * {@code -2h}) where a direction makes sense, in milliseconds. The picocli converter turns a bad one into a
 * usage error (exit 2) that shows the accepted forms.
 */
final class DurationText {

    private DurationText() {
    }

    /**
     * Parses {@code text} into milliseconds with the scenario files' grammar ({@link Durations}); a sign is refused
     * unless {@code signed}, where {@code +} may lead too.
     */
    static long parseMs(String text, boolean signed) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        boolean hasSign = trimmed.startsWith("+") || trimmed.startsWith("-");
        if (!signed && hasSign) {
            throw new IllegalArgumentException("'" + text + "' has a sign; a delay is a plain duration such as 200ms");
        }
        try {
            return Durations.parseSigned(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number and a unit: "
                    + (signed ? "+30s, -2h, 500ms, 1m" : "500ms, 2s, 1m, 1h"));
        }
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
