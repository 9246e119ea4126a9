package dev.vrack.scenario.report;

import dev.vrack.checker.Violation;
import java.util.List;

/**
 * One enforced invariant of {@code rack check}, judged on the run's whole history.
 *
 * @param id         the invariant's id ({@code over-grant}, {@code leaked-seat}, ...)
 * @param meaning    what it forbids, in one phrase
 * @param violations its violations, in time order (empty when it held)
 * @param message    one line: "held", or the violations with their intervals
 */
public record InvariantResult(String id, String meaning, List<Violation> violations, String message) {

    public InvariantResult {
        violations = List.copyOf(violations);
    }

    /** Whether it held. */
    public boolean passed() {
        return violations.isEmpty() && !message.startsWith("unknown invariant");
    }
}
