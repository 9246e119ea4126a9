package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.List;

/**
 * One offence against an invariant: when it held, which application, why, and the events that show it.
 *
 * @param invariant what was broken
 * @param app       the application concerned, or null when the event did not name one
 * @param from      start of the offending interval
 * @param to        end of the offending interval (the last event of the history when it never ended)
 * @param message   a readable explanation
 * @param events    the events that make the violation, in time order
 */
public record Violation(Invariant invariant, String app, Moment from, Moment to, String message, List<Event> events) {

    public Violation {
        events = List.copyOf(events);
    }
}
