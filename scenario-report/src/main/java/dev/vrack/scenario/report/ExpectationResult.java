package dev.vrack.scenario.report;

import dev.vrack.scenario.Anchor;
import dev.vrack.scenario.Expectation;
import java.util.OptionalLong;

/**
 * The judgement of one expectation, once per firing when it is anchored on a step.
 *
 * @param expectation the expectation
 * @param step        the step its window is anchored on, or null
 * @param firing      which firing of that step (1, 2, ...), or 0 when not anchored on a step or it never fired
 * @param passed      whether it held
 * @param message     one line: what held when, or what failed when and for how long
 * @param at          the instant named (when it became true; when it first failed), if any
 */
public record ExpectationResult(Expectation expectation, String step, int firing, boolean passed, String message,
                                OptionalLong at) {

    /** The name a test case gets: the expectation's, plus the firing when it is judged per firing. */
    public String name() {
        return firing > 0 ? expectation.name() + " (" + step + " #" + firing + ")" : expectation.name();
    }

    /** The step the window's start is anchored on, or null. */
    static String stepOf(Anchor anchor) {
        return anchor.point() == Anchor.Point.STEP ? anchor.stepId().orElse(null) : null;
    }
}
