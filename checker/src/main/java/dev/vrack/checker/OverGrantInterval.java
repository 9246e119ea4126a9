package dev.vrack.checker;

import dev.vrack.common.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An over-grant of one application being recorded: opened by a start over the count, closed when it settles. */
final class OverGrantInterval {

    /** Enough running instances to show the picture without blowing up on a run of thousands. */
    private static final int MAX_EVENTS = 64;

    private final String app;
    private final Event opening;
    private final List<Event> events = new ArrayList<>();
    private int peakRunning;
    private long countAtPeak;
    private int overStarts;

    OverGrantInterval(String app, Event opening, Event countInForce, Iterable<Instance> running, int runningNow,
                      long count) {
        this.app = app;
        this.opening = opening;
        if (countInForce != null) {
            events.add(countInForce);
        }
        events.add(opening);
        for (Instance instance : running) {
            if (events.size() >= MAX_EVENTS) {
                break;
            }
            if (instance.started != opening) {
                events.add(instance.started);
            }
        }
        overStarts = 1;
        peakRunning = runningNow;
        countAtPeak = count;
    }

    /** Another instance started while the interval is open. */
    void overStart(Event started, int runningNow, long count) {
        overStarts++;
        add(started);
        observe(runningNow, count);
    }

    /** The count changed while the interval is open. */
    void countChanged(Event seats, int runningNow, long count) {
        add(seats);
        observe(runningNow, count);
    }

    /** Ends the interval at {@code closing} and makes the violation. */
    Violation close(Event closing, boolean endOfHistory) {
        if (closing != opening) {
            events.add(closing);
        }
        events.sort(Comparator.comparingLong(Event::mono));
        String how = endOfHistory ? "still so at the last event of the history"
                : "until " + closing.type() + " from " + closing.source() + " brought it back within the count"
                  + " or ended every instance started over it";
        String message = peakRunning + " instances of " + app + " running with a license count of " + countAtPeak
                + " in force (" + overStarts + " started over the count), " + how;
        return new Violation(Invariant.OVER_GRANT, app, Moment.of(opening), Moment.of(closing), message, events);
    }

    private void add(Event event) {
        if (events.size() < MAX_EVENTS) {
            events.add(event);
        }
    }

    private void observe(int runningNow, long count) {
        if (runningNow - count > peakRunning - countAtPeak) {
            peakRunning = runningNow;
            countAtPeak = count;
        }
    }
}
