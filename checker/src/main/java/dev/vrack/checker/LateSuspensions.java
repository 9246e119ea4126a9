package dev.vrack.checker;

import dev.vrack.common.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Places a late {@code app.suspended} at the instant its agent stopped permitting the application. An agent
 * frozen (SIGSTOP, a long pause) past its lease writes the event only on waking, although from
 * {@code permittedUntilMono} on its application was refused every action; the manager gives the seat away only
 * after that instant plus its margin, so without this the history would show an over-grant that never ran.
 */
final class LateSuspensions {

    static final String DETAIL = "permittedUntilMono";

    private LateSuspensions() {
    }

    /** The history with every late suspension moved back to its {@code permittedUntilMono}; others untouched. */
    static List<Event> retime(List<Event> history) {
        List<Event> out = null;
        for (int i = 0; i < history.size(); i++) {
            Event event = history.get(i);
            Event moved = retimed(event);
            if (moved != event && out == null) {
                out = new ArrayList<>(history.subList(0, i));
            }
            if (out != null) {
                out.add(moved);
            }
        }
        return out == null ? history : out;
    }

    private static Event retimed(Event event) {
        if (!"app.suspended".equals(event.type()) || event.details() == null
                || !(event.details().get(DETAIL) instanceof Number until)) {
            return event;
        }
        long earlier = event.mono() - until.longValue();
        // Only backwards, and never by more than a day: a nonsense value must not hide a real over-grant for long.
        if (earlier <= 0 || earlier > Duration.ofDays(1).toNanos()) {
            return event;
        }
        return new Event(event.time() == null ? null : event.time().minusNanos(earlier), until.longValue(),
                event.source(), event.type(), event.details());
    }
}
