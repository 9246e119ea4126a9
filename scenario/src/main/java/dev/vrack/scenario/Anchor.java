package dev.vrack.scenario;

import java.util.Optional;

/**
 * An instant of the run: the scenario's start, its end, or each firing of a step, plus an offset. An
 * expectation anchored on a step that fires several times is judged once per firing.
 *
 * @param point    what the offset counts from
 * @param stepId   the step, when {@code point} is {@link Point#STEP}
 * @param offsetMs added to the point (may be negative only for {@link Point#END})
 */
public record Anchor(Point point, Optional<String> stepId, long offsetMs) {

    /** What an anchor counts from. */
    public enum Point { START, STEP, END }

    public static final Anchor START = new Anchor(Point.START, Optional.empty(), 0);
    public static final Anchor END = new Anchor(Point.END, Optional.empty(), 0);

    public static Anchor step(String stepId, long offsetMs) {
        return new Anchor(Point.STEP, Optional.of(stepId), offsetMs);
    }
}
