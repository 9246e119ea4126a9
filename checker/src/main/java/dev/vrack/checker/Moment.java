package dev.vrack.checker;

import dev.vrack.common.Event;
import java.time.Instant;

/**
 * One instant of a history, in monotonic time (what orders events across processes) and wall time (what a
 * person correlates with logs). Always taken from an event, so both clocks are the ones the rack recorded.
 *
 * @param mono nanoseconds of CLOCK_MONOTONIC
 * @param time wall-clock time, or null when the event had none
 */
public record Moment(long mono, Instant time) {

    /** The instant an event was recorded. */
    public static Moment of(Event event) {
        return new Moment(event.mono(), event.time());
    }
}
